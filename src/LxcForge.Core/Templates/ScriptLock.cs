using System.Text;

namespace LxcForge.Core.Templates;

/// <summary>
/// <c>scripts.lock</c>: the repository, the pinned commit and the SHA-256 of every community-script file
/// LxcForge may run. A file whose hash differs is refused before anything runs.
/// </summary>
public sealed record ScriptLock(string Repository, string Ref, IReadOnlyDictionary<string, string> Sha256ByPath)
{
    private const string Header = "# scripts.lock: SHA-256 of every community-script file LxcForge may run. Refresh on purpose with `lxcforge templates lock`.";

    public string Format()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Header);
        sb.AppendLine($"repository {Repository}");
        sb.AppendLine($"ref {Ref}");
        foreach (var (path, hash) in Sha256ByPath.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.AppendLine($"sha256 {hash} {path}");
        return sb.ToString();
    }

    /// <summary>Parses a lock file; errors name the file and line.</summary>
    public static ScriptLock Parse(string text, string fileName)
    {
        string? repository = null,
            gitRef = null;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("repository ", StringComparison.Ordinal))
            {
                repository = line["repository ".Length..].Trim();
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts)
            {
                case ["ref", var r]:
                    gitRef = r;
                    break;
                case ["sha256", var hash, var path] when hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower):
                    if (!hashes.TryAdd(path, hash))
                        throw new FormatException($"{fileName}:{lineNo}: '{path}' is listed twice");
                    break;
                default:
                    throw new FormatException($"{fileName}:{lineNo}: expected 'repository NAME', 'ref COMMIT' or 'sha256 HEX64 PATH', got '{line}'");
            }
        }

        if (repository is null || gitRef is null)
            throw new FormatException($"{fileName}: missing 'repository' or 'ref' line");
        return new ScriptLock(repository, gitRef, hashes);
    }
}
