namespace LxcForge.Core.Hosting;

/// <summary>A typed view of <c>rootfs</c> or <c>mpN</c>: <c>local-lvm:vm-200-disk-0,size=8G</c>.</summary>
public sealed record VolumeSpec(string Volume)
{
    /// <summary>Mount path inside the container (mpN only).</summary>
    public string? MountPath { get; init; }

    public long? SizeBytes { get; init; }

    public IReadOnlyDictionary<string, string> Other { get; init; } = new Dictionary<string, string>();

    /// <summary>The storage id: the part of the volume before the colon.</summary>
    public string Storage => Volume.Contains(':') ? Volume[..Volume.IndexOf(':')] : Volume;

    public static VolumeSpec Parse(string text, bool isMountPoint = false)
    {
        var p = PropertyString.Parse(text, isMountPoint ? PropertyFormat.MountPoint : PropertyFormat.RootFs);
        var volume = p["volume"] ?? throw new FormatException($"{(isMountPoint ? "mp[n]" : "rootfs")}: missing volume");
        return new VolumeSpec(volume)
        {
            MountPath = p["mp"],
            SizeBytes = p["size"] is { } s ? DiskSize.ParseBytes(s) : null,
            Other = p.Values.Where(kv => kv.Key is not ("volume" or "mp" or "size")).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }

    public override string ToString()
    {
        var p = PropertyString
            .Empty(MountPath is null ? PropertyFormat.RootFs : PropertyFormat.MountPoint)
            .With("volume", Volume)
            .With("mp", MountPath)
            .With("size", SizeBytes is { } b ? DiskSize.Format(b) : null);
        foreach (var (k, v) in Other)
            p = p.With(k, v);
        return p.ToString();
    }
}
