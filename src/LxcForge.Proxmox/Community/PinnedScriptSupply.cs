using System.Security.Cryptography;
using System.Text;
using LxcForge.Core.Templates;

namespace LxcForge.Proxmox.Community;

/// <summary>
/// Fetches community-script files once into a local cache, checks each against <c>scripts.lock</c>
/// (creating the lock on first use, as package managers do, and saying so), and serves them from a
/// <see cref="ScriptMirror"/> with the hard-coded <c>…/main/…</c> URLs rewritten to it.
/// </summary>
public sealed class PinnedScriptSupply(IScriptOrigin origin, string cacheDirectory, string lockFile, Action<string>? log = null) : IScriptSupply
{
    public async Task<ScriptRun> PrepareAsync(IReadOnlyList<string> paths, string? bindAddress, CancellationToken cancellationToken = default)
    {
        var existingLock = File.Exists(lockFile) ? ScriptLock.Parse(await File.ReadAllTextAsync(lockFile, cancellationToken), lockFile) : null;
        if (existingLock is not null && (existingLock.Repository != origin.Repository || existingLock.Ref != origin.Ref))
        {
            throw new ScriptIntegrityException(paths[0], $"{existingLock.Repository}@{existingLock.Ref}", $"{origin.Repository}@{origin.Ref}", lockFile);
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var path in paths.Distinct())
        {
            var bytes = await ReadCachedAsync(path, cancellationToken);
            var hash = Sha256(bytes);
            if (existingLock?.Sha256ByPath.TryGetValue(path, out var expected) == true && expected != hash)
                throw new ScriptIntegrityException(path, expected, hash, lockFile);
            if (existingLock?.Sha256ByPath.ContainsKey(path) != true)
                added.Add(path);
            files[path] = bytes;
            hashes[path] = hash;
        }

        // A file first seen at this ref is pinned on first use (as package managers do) and said so; a file
        // already pinned must match its hash exactly.
        if (added.Count > 0)
        {
            var merged = new Dictionary<string, string>(existingLock?.Sha256ByPath ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var path in added)
                merged[path] = hashes[path];
            await WriteLockAsync(new ScriptLock(origin.Repository, origin.Ref, merged), cancellationToken);
            log?.Invoke($"pinned {added.Count} new script file(s) in {lockFile} on first use: {string.Join(", ", added)}; review them and keep the lock");
        }

        var mirror = await ScriptMirror.StartAsync(bindAddress ?? "127.0.0.1", files, cancellationToken);
        var rewritten = files.ToDictionary(
            f => f.Key,
            f => Encoding.UTF8.GetBytes(CommunityScriptFiles.RewriteToMirror(Encoding.UTF8.GetString(f.Value), mirror.BaseUrl))
        );
        mirror.Replace(rewritten);
        return new ScriptRun(mirror.BaseUrl, origin.Repository, origin.Ref, hashes, origin.IsStandIn, mirror);
    }

    /// <summary>Refreshes the lock on purpose: fetches <paramref name="paths"/> anew and records their hashes.</summary>
    public async Task<ScriptLock> LockAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct())
        {
            var bytes = await origin.ReadAsync(path, cancellationToken)
                ?? throw new FileNotFoundException($"{origin.Repository}@{origin.Ref} has no file '{path}'");
            await StoreAsync(path, bytes, cancellationToken);
            hashes[path] = Sha256(bytes);
        }

        var scriptLock = new ScriptLock(origin.Repository, origin.Ref, hashes);
        await WriteLockAsync(scriptLock, cancellationToken);
        return scriptLock;
    }

    private string CachePath(string path) => Path.Combine(cacheDirectory, origin.Repository.Replace('/', '_'), origin.Ref, path);

    private async Task<byte[]> ReadCachedAsync(string path, CancellationToken cancellationToken)
    {
        var cached = CachePath(path);
        if (File.Exists(cached))
            return await File.ReadAllBytesAsync(cached, cancellationToken);
        var bytes = await origin.ReadAsync(path, cancellationToken)
            ?? throw new FileNotFoundException($"{origin.Repository}@{origin.Ref} has no file '{path}'");
        await StoreAsync(path, bytes, cancellationToken);
        return bytes;
    }

    private async Task StoreAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var cached = CachePath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        await File.WriteAllBytesAsync(cached, bytes, cancellationToken);
    }

    private async Task WriteLockAsync(ScriptLock scriptLock, CancellationToken cancellationToken)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(lockFile))!;
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(lockFile, scriptLock.Format(), cancellationToken);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
