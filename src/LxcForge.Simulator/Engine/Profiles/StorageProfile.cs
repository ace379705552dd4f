namespace LxcForge.Simulator.Engine.Profiles;

/// <summary>
/// A storage as configured in <c>storage.cfg</c>, plus what the time model needs: bandwidths and latency.
/// </summary>
/// <param name="Type">dir, lvmthin, lvm, zfspool, nfs, cifs, btrfs or rbd.</param>
public sealed record StorageProfile(string Id, string Type, IReadOnlySet<string> Content, long TotalBytes)
{
    public string? Path { get; init; }

    public bool Shared { get; init; }

    /// <summary>Bytes per second this storage reads (and writes) when one stream has it alone.</summary>
    public double BandwidthBytesPerSecond { get; init; } = 500e6;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Bytes already used by things the simulator does not model (the OS, ISO images…).</summary>
    public long BaselineUsedBytes { get; init; }

    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);

    public static StorageProfile Local { get; } =
        new("local", "dir", Set("vztmpl", "iso", "backup"), 94L << 30)
        {
            Path = "/var/lib/vz",
            BandwidthBytesPerSecond = 500e6,
            BaselineUsedBytes = 12L << 30,
        };

    public static StorageProfile LocalHdd { get; } =
        new("local-hdd", "dir", Set("rootdir", "images", "backup", "vztmpl"), 500_000_000_000)
        {
            Path = "/mnt/hdd",
            BandwidthBytesPerSecond = 100e6,
            Latency = TimeSpan.FromMilliseconds(10),
        };

    public static StorageProfile LocalLvm { get; } = new("local-lvm", "lvmthin", Set("rootdir", "images"), 148L << 30) { BandwidthBytesPerSecond = 500e6 };

    public static StorageProfile SharedNfs { get; } =
        new("shared-nfs", "nfs", Set("rootdir", "images", "backup", "vztmpl"), 2_000_000_000_000)
        {
            Path = "/mnt/pve/shared-nfs",
            Shared = true,
            BandwidthBytesPerSecond = 110e6,
            Latency = TimeSpan.FromMilliseconds(2),
        };
}
