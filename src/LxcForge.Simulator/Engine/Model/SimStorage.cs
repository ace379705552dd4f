using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Simulator.Engine.Model;

/// <summary>A storage as one node sees it (a shared storage is one instance seen by every node).</summary>
internal sealed class SimStorage
{
    public required StorageProfile Profile { get; set; }

    public Dictionary<string, SimVolume> Volumes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bytes taken by a fault (<c>FillStorage</c>).</summary>
    public long FaultUsedBytes { get; set; }

    /// <summary>Bandwidth divisor set by a fault (<c>SlowStorage</c>); 1 = normal.</summary>
    public double SlowFactor { get; set; } = 1;

    public string Id => Profile.Id;

    public string Type => Profile.Type;

    public long TotalBytes => Profile.TotalBytes;

    public long UsedBytes => Math.Min(TotalBytes, Profile.BaselineUsedBytes + FaultUsedBytes + Volumes.Values.Sum(v => v.UsedBytes));

    public long FreeBytes => TotalBytes - UsedBytes;

    public double Bandwidth => Profile.BandwidthBytesPerSecond / SlowFactor;

    public bool HasContent(string content) => Profile.Content.Contains(content);

    /// <summary>Whether volumes here support storage snapshots (vzdump snapshot mode, pct snapshot).</summary>
    public bool SupportsSnapshots => Type is "lvmthin" or "zfspool" or "rbd" or "btrfs";

    /// <summary>Whether a template's volume here can be linked-cloned (docs/proxmox-behaviour.md#linked-clones).</summary>
    public bool SupportsLinkedClone => Type is "lvmthin" or "zfspool" or "rbd" or "btrfs";

    /// <summary>Whether a volume here can become a base volume (everything but LVM-thick).</summary>
    public bool SupportsTemplate => Type != "lvm";

    /// <summary>Whether disk space is allocated up front (LVM-thick) rather than as data is written.</summary>
    public bool AllocatesEagerly => Type == "lvm";

    /// <summary>The next free volume name for <paramref name="vmid"/> in Proxmox's naming for this storage type.</summary>
    public string NewDiskVolid(int vmid, string? basePrefix = null)
    {
        for (var n = 0; ; n++)
        {
            var name = Type switch
            {
                "dir" or "nfs" or "cifs" or "btrfs" => $"{vmid}/vm-{vmid}-disk-{n}.raw",
                "zfspool" => $"subvol-{vmid}-disk-{n}",
                _ => $"vm-{vmid}-disk-{n}",
            };
            var volid = $"{Id}:{(basePrefix is null ? "" : basePrefix + "/")}{name}";
            if (!Volumes.Keys.Any(k => k.EndsWith(name, StringComparison.Ordinal) && k.StartsWith(Id + ":", StringComparison.Ordinal)))
                return volid;
        }
    }

    public string DiskFormat =>
        Type is "dir" or "nfs" or "cifs" or "btrfs" ? "raw"
        : Type == "zfspool" ? "subvol"
        : "raw";
}
