namespace LxcForge.Proxmox.Shell;

/// <summary>Settings of <see cref="PctShellHost"/>.</summary>
public sealed record PctShellHostOptions
{
    /// <summary>The node the shell runs on. When null it is asked of <c>pvesh</c> once (the only node, or the one marked local).</summary>
    public string? Node { get; init; }

    /// <summary>Limit for reads (config, status, lists).</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Limit for commands that run a worker: clones and backups of large disks take many minutes.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromHours(2);
}
