namespace LxcForge.Core.Hosting;

/// <summary>What a backend can do. An operation outside these throws <see cref="HostErrorKind.Unsupported"/>.</summary>
public sealed record HostCapabilities
{
    public bool Exec { get; init; } = true;
    public bool LinkedClones { get; init; } = true;
    public bool Snapshots { get; init; } = true;
    public bool Backups { get; init; } = true;
    public bool OsTemplateDownload { get; init; } = true;
    public bool Clusters { get; init; } = true;

    /// <summary>True when the credentials are root@pam itself (keyctl, fuse, bind mounts need that).</summary>
    public bool IsRootAtPam { get; init; } = true;

    public static HostCapabilities All { get; } = new();
}
