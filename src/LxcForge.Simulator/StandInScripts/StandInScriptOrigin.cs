using System.Security.Cryptography;
using LxcForge.Core.Templates;

namespace LxcForge.Simulator.StandInScripts;

/// <summary>
/// The simulator's stand-in copy of the community-scripts repository (see StandInScripts/README.md):
/// LxcForge's own small scripts following the real protocol, embedded in this assembly.
/// </summary>
public sealed class StandInScriptOrigin : IScriptOrigin
{
    private const string Prefix = "standin/";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Files = new(Load);

    public string Repository => "community-scripts/ProxmoxVE (LxcForge simulator stand-in)";

    /// <summary>A digest of the whole stand-in set, so a lock file notices when they change.</summary>
    public string Ref { get; } = Digest();

    public bool IsStandIn => true;

    public static IReadOnlyCollection<string> Paths => Files.Value.Keys.ToList();

    public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(Files.Value.TryGetValue(path, out var bytes) ? bytes : null);

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(StandInScriptOrigin).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[name[Prefix.Length..]] = memory.ToArray();
        }

        return files;
    }

    private static string Digest()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in Files.Value.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(path));
            sha.AppendData(bytes);
        }

        return "standin-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
