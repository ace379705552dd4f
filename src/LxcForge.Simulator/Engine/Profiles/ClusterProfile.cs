namespace LxcForge.Simulator.Engine.Profiles;

/// <summary>
/// What a simulated cluster is built from: its nodes, their storages and bridges, and the OS templates
/// the appliance index (<c>aplinfo</c>) offers. <see cref="Default"/> is the fleet design's host (docs/fleet-design.md#the-host).
/// </summary>
public sealed record ClusterProfile
{
    public string ClusterName { get; init; } = "pve-sim";

    public IReadOnlyList<NodeProfile> Nodes { get; init; } = [];

    /// <summary>Storages every node sees as one (nfs, shared=1).</summary>
    public IReadOnlyList<StorageProfile> SharedStorages { get; init; } = [];

    public IReadOnlyList<OsTemplate> AvailableTemplates { get; init; } = OsTemplate.Catalogue;

    /// <summary>The fleet design's host: one node <c>pve</c> with local, local-hdd, local-lvm and vmbr0..2.</summary>
    public static ClusterProfile Default { get; } = new() { Nodes = [NodeProfile.Seed("pve")] };

    /// <summary>A cluster of <paramref name="nodes"/> nodes <c>pve1..pveN</c>, each with its own local storages,
    /// plus an optional shared NFS storage <c>shared-nfs</c>.</summary>
    public static ClusterProfile WithNodes(int nodes, bool sharedNfs = false)
    {
        if (nodes < 1)
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "a cluster needs at least one node");
        return new ClusterProfile
        {
            Nodes = nodes == 1 ? [NodeProfile.Seed("pve")] : Enumerable.Range(1, nodes).Select(i => NodeProfile.Seed($"pve{i}")).ToList(),
            SharedStorages = sharedNfs ? [StorageProfile.SharedNfs] : [],
        };
    }
}

/// <summary>One node: its local storages and network bridges; which templates are already downloaded.</summary>
public sealed record NodeProfile(string Name)
{
    public IReadOnlyList<StorageProfile> Storages { get; init; } = [];

    public IReadOnlyList<BridgeProfile> Bridges { get; init; } = [];

    /// <summary>Template file names (as in <see cref="OsTemplate.FileName"/>) present on <c>local</c> at start.</summary>
    public IReadOnlyList<string> DownloadedTemplates { get; init; } = [];

    public int Cores { get; init; } = 4;

    public long MemoryBytes { get; init; } = 16L << 30;

    public static NodeProfile Seed(string name) =>
        new(name)
        {
            Storages = [StorageProfile.Local, StorageProfile.LocalHdd, StorageProfile.LocalLvm],
            Bridges =
            [
                new BridgeProfile("vmbr0", "192.168.1.10/24", "192.168.1.1", "eno1"),
                new BridgeProfile("vmbr1", null, null, null),
                new BridgeProfile("vmbr2", "10.0.30.2/24", null, null),
            ],
            DownloadedTemplates = [OsTemplate.Debian12.FileName],
        };
}

/// <summary>A Linux bridge as <c>GET /nodes/{node}/network</c> lists it.</summary>
public sealed record BridgeProfile(string Name, string? Cidr, string? Gateway, string? Ports);
