using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/version</c>, <c>/nodes</c>, <c>/cluster/resources</c>, <c>/cluster/nextid</c>.</summary>
internal static class ClusterRoutes
{
    public const string Version = "9.1.1";

    public static JsonNode? GetVersion(RouteContext c) =>
        new JsonObject
        {
            ["version"] = Version,
            ["release"] = "9.1",
            ["repoid"] = "a1b2c3d4e5f60718",
        };

    public static JsonNode? Nodes(RouteContext c) =>
        new JsonArray(c.State.Nodes.Values.Select(n => (JsonNode)NodeView(c, n.Name, (long)c.Cluster.SimulatedElapsed.TotalSeconds)).ToArray());

    public static JsonNode? NodeIndex(RouteContext c)
    {
        _ = c.Node;
        return new JsonArray(
            new[] { "aplinfo", "lxc", "network", "status", "storage", "tasks", "version", "vzdump" }
                .Select(s => (JsonNode)new JsonObject { ["name"] = s })
                .ToArray()
        );
    }

    public static JsonNode? NodeStatus(RouteContext c)
    {
        var n = c.Node;
        return new JsonObject
        {
            ["uptime"] = (long)c.Cluster.SimulatedElapsed.TotalSeconds + 86400,
            ["cpu"] = 0.02,
            ["cpuinfo"] = new JsonObject
            {
                ["cpus"] = n.Profile.Cores,
                ["cores"] = n.Profile.Cores,
                ["sockets"] = 1,
                ["model"] = "Simulated CPU",
            },
            ["memory"] = new JsonObject
            {
                ["total"] = n.Profile.MemoryBytes,
                ["used"] = n.Profile.MemoryBytes / 4,
                ["free"] = n.Profile.MemoryBytes * 3 / 4,
            },
            ["pveversion"] = $"pve-manager/{Version}/a1b2c3d4e5f60718",
            ["kversion"] = "Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 x86_64",
        };
    }

    public static JsonNode? NodeVersion(RouteContext c)
    {
        _ = c.Node;
        return GetVersion(c);
    }

    /// <summary>Served from the cluster's <see cref="Views.ResourcesView"/>: serialised once per change, not per call.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Resources(RouteContext c) =>
        c.Cluster.Resources.Render(c.Cluster, c.Optional("type"), (node, uptime) => NodeView(c, node, uptime, resource: true));

    public static JsonNode? NextId(RouteContext c)
    {
        if (c.Int("vmid") is { } wanted)
        {
            if (c.State.Containers.ContainsKey(wanted))
                throw Pve.Param("vmid", $"VM {wanted} already exists");
            return wanted.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var id = 100;
        while (c.State.Containers.ContainsKey(id))
            id++;
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // uptime: the cluster's simulated seconds (a node reports one day more, as if booted before the cluster was made).
    private static JsonObject NodeView(RouteContext c, string node, long uptime, bool resource = false)
    {
        var n = c.State.Nodes[node];
        // A node that is down is listed by the others with its name and status only, as Proxmox lists it.
        if (c.Cluster.Faults.IsOffline(node))
            return new JsonObject
            {
                ["node"] = node,
                ["status"] = "offline",
                ["type"] = "node",
                ["id"] = $"node/{node}",
            };
        var o = new JsonObject
        {
            ["node"] = node,
            ["status"] = "online",
            ["type"] = "node",
            ["id"] = $"node/{node}",
            ["cpu"] = 0.02,
            ["maxcpu"] = n.Profile.Cores,
            ["mem"] = n.Profile.MemoryBytes / 4,
            ["maxmem"] = n.Profile.MemoryBytes,
            ["disk"] = 10L << 30,
            ["maxdisk"] = 94L << 30,
            ["uptime"] = uptime + 86400,
            ["level"] = "",
        };
        if (!resource)
            o["ssl_fingerprint"] = "5A:1F:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00";
        return o;
    }
}
