using LxcForge.Core.Templates;

namespace LxcForge.Proxmox.Community;

/// <summary>A local directory holding the repository's files: offline use, or a reviewed fork.</summary>
public sealed class LocalDirectoryOrigin(string directory, string repository, string gitRef, bool isStandIn = false) : IScriptOrigin
{
    public string Repository { get; } = repository;
    public string Ref { get; } = gitRef;
    public bool IsStandIn { get; } = isStandIn;

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        // Inside means below the directory itself: a bare prefix test would let '../ProxmoxVE-evil/…' through.
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' points outside {directory}", nameof(path));
        return File.Exists(full) ? await File.ReadAllBytesAsync(full, cancellationToken) : null;
    }
}
