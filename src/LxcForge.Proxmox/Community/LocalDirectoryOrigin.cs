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
        var full = Path.GetFullPath(Path.Combine(directory, path));
        if (!full.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' points outside {directory}", nameof(path));
        return File.Exists(full) ? await File.ReadAllBytesAsync(full, cancellationToken) : null;
    }
}
