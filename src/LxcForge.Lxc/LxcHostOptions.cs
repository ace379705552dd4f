namespace LxcForge.Lxc;

/// <summary>How to reach and lay out a plain-LXC host.</summary>
public sealed record LxcHostOptions
{
    /// <summary>LXC's container directory; null = LXC's default (<c>lxc-config lxc.lxcpath</c>, usually /var/lib/lxc).</summary>
    public string? LxcPath { get; init; }

    /// <summary>Where the directory storages live; null = <c>LXCPATH/.lxcforge/storage</c>.</summary>
    public string? StorageRoot { get; init; }

    /// <summary>Storages created when the host is opened (the fleet design's ids, so a fleet.yaml written for Proxmox runs unchanged).</summary>
    public IReadOnlyList<string> Storages { get; init; } = ["local", "local-hdd", "local-lvm"];

    /// <summary>Runs the LXC tools through this prefix, e.g. <c>nsenter --net=/proc/N/ns/net --mount=/proc/N/ns/mnt --</c>.</summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    /// <summary>The Debian mirror debootstrap downloads from.</summary>
    public string DebootstrapMirror { get; init; } = "http://deb.debian.org/debian";

    /// <summary>The node name reported for this machine; null = the machine's host name.</summary>
    public string? NodeName { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan CopyTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Parses <c>lxc://</c> (LXC's default path) or <c>lxc://PATH</c> / <c>lxc:///abs/path</c>.</summary>
    public static LxcHostOptions FromAddress(string address)
    {
        const string scheme = "lxc://";
        if (!address.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{address}' is not an lxc:// address (expected lxc:// or lxc://PATH)");
        var path = address[scheme.Length..];
        return new LxcHostOptions { LxcPath = path.Length == 0 ? null : Path.GetFullPath(path) };
    }
}
