namespace LxcForge.Core.Spec;

/// <summary>
/// The desired fleet: the source of truth for what should exist (<c>fleet.yaml</c>).
/// Immutable; derive variants with <c>with</c>. <see cref="FleetDefaults.Seed"/> is the fleet design (docs/fleet-design.md).
/// </summary>
public sealed record FleetSpec
{
    public NetworkSpec Network { get; init; } = new();
    public StorageSpec Storage { get; init; } = new();

    /// <summary>Proxmox nodes the fleet may use; empty means "whatever node the host has" (single node).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    public IdRanges Ids { get; init; } = new();
    public ScriptsSpec Scripts { get; init; } = new();
    public BackupSpec Backup { get; init; } = new();
    public IReadOnlyList<TemplateSpec> Templates { get; init; } = [];
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];

    public TemplateSpec? FindTemplate(string name) => Templates.FirstOrDefault(t => t.Name == name);

    public ServiceSpec? FindService(string name) => Services.FirstOrDefault(s => s.Name == name);
}

/// <summary>The internal bridge and subnet the services live on (fleet design: vmbr2, 10.0.30.0/24, gateway OPNsense 10.0.30.1).</summary>
public sealed record NetworkSpec
{
    public string Bridge { get; init; } = "vmbr2";
    public string Subnet { get; init; } = "10.0.30.0/24";
    public string Gateway { get; init; } = "10.0.30.1";
    public IReadOnlyList<string> DnsServers { get; init; } = ["10.0.30.1"];
    public string? SearchDomain { get; init; }

    /// <summary>The bridge templates are built on (community scripts use DHCP there).</summary>
    public string TemplateBridge { get; init; } = "vmbr0";
}

/// <summary>Which storage holds what (fleet design: templates on the HDD, services on the SSD, backups on the HDD).</summary>
public sealed record StorageSpec
{
    public string Templates { get; init; } = "local-hdd";
    public string Services { get; init; } = "local-lvm";
    public string Backups { get; init; } = "local-hdd";

    /// <summary>Where OS templates (vztmpl) are kept; the community scripts need one with vztmpl content.</summary>
    public string OsTemplates { get; init; } = "local";
}

public sealed record IdRange(int First, int Last)
{
    public bool Contains(int id) => id >= First && id <= Last;

    public override string ToString() => $"{First}-{Last}";
}

public sealed record IdRanges
{
    public IdRange Templates { get; init; } = new(900, 999);
    public IdRange Services { get; init; } = new(200, 299);
}

/// <summary>Where the community helper scripts come from, pinned to a commit.</summary>
public sealed record ScriptsSpec
{
    public string Repository { get; init; } = "community-scripts/ProxmoxVE";

    /// <summary>A 40-hex commit (never a branch name by default).</summary>
    public string Ref { get; init; } = "8386465a927ac72f518d1c54ce21fe3c2df03407";

    /// <summary>A local directory holding the repository's files, for offline use.</summary>
    public string? LocalPath { get; init; }

    public string LockFile { get; init; } = "scripts.lock";
}

public sealed record BackupSpec
{
    /// <summary>snapshot, suspend or stop; null = the best mode the storage allows.</summary>
    public string? Mode { get; init; }

    public string Compress { get; init; } = "zstd";
    public RetentionSpec Retention { get; init; } = new();
}

public sealed record RetentionSpec
{
    public int? KeepLast { get; init; } = 3;
    public int? KeepDaily { get; init; } = 7;
    public int? KeepWeekly { get; init; } = 4;
    public int? KeepMonthly { get; init; }
}
