namespace LxcForge.Simulator.Engine.Model;

/// <summary>Everything a simulated cluster knows; what <c>Save</c> writes. Guarded by the cluster's gate.</summary>
internal sealed class ClusterState
{
    public string ClusterName { get; set; } = "pve-sim";

    /// <summary>The cluster's root CA certificate (<c>/etc/pve/pve-root-ca.pem</c>), PEM; made once, on first use.</summary>
    public string? RootCaPem { get; set; }

    public List<Profiles.OsTemplate> Templates { get; set; } = [];

    public SortedDictionary<string, SimNode> Nodes { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, SimStorage> SharedStorages { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, SimContainer> Containers { get; set; } = [];

    public List<Tasks.SimTask> Tasks { get; set; } = [];

    public int NextPid { get; set; } = 0x3A000;

    /// <summary>Resource pools by id (<c>/pools</c>); only their comment is modelled, no members.</summary>
    public SortedDictionary<string, SimPool> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Simulated seconds since the cluster was made (carried across Save/Load).</summary>
    public double SimulatedSeconds { get; set; }

    public DateTimeOffset Epoch { get; set; }

    /// <summary>Every pct exec / lxc-attach, per container, oldest first.</summary>
    public Dictionary<int, List<ExecRecord>> ExecHistory { get; set; } = [];

    /// <summary>JSON gives back default comparers; Proxmox orders keys byte-wise, so rebuild with ordinal ones.</summary>
    public void RestoreOrdinalOrder()
    {
        Nodes = new SortedDictionary<string, SimNode>(Nodes, StringComparer.Ordinal);
        Pools = new SortedDictionary<string, SimPool>(Pools ?? [], StringComparer.Ordinal);
        foreach (var ct in Containers.Values)
        {
            ct.Config = new SortedDictionary<string, string>(ct.Config, StringComparer.Ordinal);
            ct.Pending = new SortedDictionary<string, string>(ct.Pending, StringComparer.Ordinal);
            ct.PendingDelete = new SortedSet<string>(ct.PendingDelete, StringComparer.Ordinal);
            foreach (var snap in ct.Snapshots)
                snap.Config = new SortedDictionary<string, string>(snap.Config, StringComparer.Ordinal);
        }
    }

    public SimNode? Node(string name) => Nodes.GetValueOrDefault(name);

    public SimStorage? Storage(string node, string id) =>
        Nodes.TryGetValue(node, out var n) && n.LocalStorages.TryGetValue(id, out var s) ? s : SharedStorages.GetValueOrDefault(id);

    public IEnumerable<SimStorage> StoragesOf(string node) =>
        (Nodes.TryGetValue(node, out var n) ? n.LocalStorages.Values : Enumerable.Empty<SimStorage>())
            .Concat(SharedStorages.Values)
            .OrderBy(s => s.Id, StringComparer.Ordinal);

    /// <summary>Finds a volume by volid as <paramref name="node"/> sees it.</summary>
    public SimVolume? Volume(string node, string volid)
    {
        var colon = volid.IndexOf(':');
        return colon <= 0 ? null : Storage(node, volid[..colon])?.Volumes.GetValueOrDefault(volid);
    }
}
