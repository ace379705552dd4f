namespace LxcForge.Core.Spec;

/// <summary>One service: a full clone of a template (CTID 200–299 on the service storage) with a static IP.</summary>
public sealed record ServiceSpec
{
    public required string Name { get; init; }

    /// <summary>The name of a template in the spec.</summary>
    public required string Template { get; init; }

    public required int Ctid { get; init; }
    public required string Hostname { get; init; }

    /// <summary>Static IPv4 address inside the fleet subnet (prefix length comes from the subnet).</summary>
    public required string Ip { get; init; }

    public string? Node { get; init; }
    public int Cores { get; init; } = 1;
    public int Memory { get; init; } = 1024;
    public int Swap { get; init; } = 512;

    /// <summary>Root disk size, e.g. <c>8G</c>; a clone is grown to it, never shrunk.</summary>
    public string Disk { get; init; } = "4G";

    public FeatureSpec Features { get; init; } = new();
    public bool Unprivileged { get; init; } = true;
    public bool OnBoot { get; init; } = true;

    /// <summary>Proxmox startup order (<c>startup: order=N</c>); null leaves it unset.</summary>
    public int? StartupOrder { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
    public ReplicaSpec? Replicas { get; init; }

    /// <summary>Service-specific settings (database name, extra scrape targets…), by key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>For a service of the user's own (not in the catalogue): how to configure and check it.</summary>
    public CustomServiceSpec? Custom { get; init; }
}

public sealed record FeatureSpec
{
    public bool Nesting { get; init; }
    public bool Keyctl { get; init; }
    public bool Fuse { get; init; }
}

/// <summary>
/// Horizontal scaling: extra instances of the same template, each with its own CTID and IP.
/// Either explicit lists, or a start and a step (fleet design: 210, 211, 212 at .11, .12, .13).
/// </summary>
public sealed record ReplicaSpec
{
    public int Count { get; init; }
    public IReadOnlyList<int>? Ctids { get; init; }
    public int? CtidStart { get; init; }
    public int CtidStep { get; init; } = 1;
    public IReadOnlyList<string>? Ips { get; init; }
    public string? IpStart { get; init; }
    public int IpStep { get; init; } = 1;

    /// <summary>Hostname pattern; <c>{name}</c> and <c>{n}</c> (1-based) are replaced. Default <c>{name}-{n}</c>.</summary>
    public string Hostname { get; init; } = "{hostname}-{n}";
}

/// <summary>A user-defined service: commands run inside the container over exec.</summary>
public sealed record CustomServiceSpec
{
    public IReadOnlyList<int> Ports { get; init; } = [];
    public IReadOnlyList<string> Configure { get; init; } = [];
    public string? Check { get; init; }
}
