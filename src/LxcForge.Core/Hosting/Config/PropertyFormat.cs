namespace LxcForge.Core.Hosting;

/// <summary>
/// The shape of a Proxmox property string: which key may be given bare and which keys are required.
/// Printing order follows Proxmox: the default key's bare value, then required keys sorted, then optional keys sorted.
/// </summary>
public sealed record PropertyFormat(string Name, string? DefaultKey, IReadOnlySet<string> RequiredKeys, IReadOnlySet<string> KnownKeys)
{
    public static PropertyFormat Net { get; } =
        new(
            "net[n]",
            null,
            new HashSet<string> { "name" },
            new HashSet<string>
            {
                "name",
                "bridge",
                "firewall",
                "gw",
                "gw6",
                "host-managed",
                "hwaddr",
                "ip",
                "ip6",
                "link_down",
                "mtu",
                "rate",
                "tag",
                "trunks",
                "type",
            }
        );

    public static PropertyFormat RootFs { get; } =
        new("rootfs", "volume", new HashSet<string>(), new HashSet<string> { "volume", "acl", "mountoptions", "quota", "replicate", "ro", "shared", "size" });

    public static PropertyFormat MountPoint { get; } =
        new(
            "mp[n]",
            "volume",
            new HashSet<string> { "mp" },
            new HashSet<string> { "volume", "mp", "acl", "backup", "keepattrs", "mountoptions", "quota", "replicate", "ro", "shared", "size" }
        );

    public static PropertyFormat Features { get; } =
        new("features", null, new HashSet<string>(), new HashSet<string> { "force_rw_sys", "fuse", "keyctl", "mknod", "mount", "nesting" });

    public static PropertyFormat Unused { get; } = new("unused[n]", "volume", new HashSet<string>(), new HashSet<string> { "volume" });

    /// <summary>The format for a config key (net0, rootfs, mp3, features, unused1), or null for a plain value.</summary>
    public static PropertyFormat? ForConfigKey(string key) =>
        key switch
        {
            "rootfs" => RootFs,
            "features" => Features,
            _ when IsIndexed(key, "net") => Net,
            _ when IsIndexed(key, "mp") => MountPoint,
            _ when IsIndexed(key, "unused") => Unused,
            _ => null,
        };

    private static bool IsIndexed(string key, string prefix) =>
        key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length..].All(char.IsAsciiDigit);
}
