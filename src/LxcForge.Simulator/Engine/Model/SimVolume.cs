namespace LxcForge.Simulator.Engine.Model;

/// <summary>One volume on a storage: a container disk, an OS template archive or a backup archive.</summary>
internal sealed class SimVolume
{
    /// <summary><c>local-lvm:vm-200-disk-0</c>, <c>local:vztmpl/debian-12…tar.zst</c>, <c>local-hdd:backup/vzdump-lxc-…</c>.</summary>
    public required string Volid { get; set; }

    /// <summary>rootdir, images, vztmpl, backup or iso.</summary>
    public required string Content { get; set; }

    /// <summary>raw, subvol, tzst, tar, tar.zst…</summary>
    public required string Format { get; set; }

    public int? Vmid { get; set; }

    /// <summary>The provisioned size (a disk's <c>size=</c>, an archive's file size).</summary>
    public long SizeBytes { get; set; }

    /// <summary>What the volume really occupies; what a copy streams and what capacity accounting counts.</summary>
    public long UsedBytes { get; set; }

    public long Ctime { get; set; }

    public string? Notes { get; set; }

    public bool Protected { get; set; }

    /// <summary>For a linked clone: the base volume it was cloned from.</summary>
    public string? BaseVolid { get; set; }

    /// <summary>For a backup: the guest's config as <c>pct config</c> prints it.</summary>
    public string? BackupConfig { get; set; }

    /// <summary>For a backup: the guest's data bytes (what a restore writes).</summary>
    public long DataBytes { get; set; }

    /// <summary>For a backup: the tar archive of the container's sandbox, relative to the state directory.</summary>
    public string? ArchiveFile { get; set; }

    public string Storage => Volid[..Volid.IndexOf(':')];

    public string Name => Volid[(Volid.IndexOf(':') + 1)..];
}
