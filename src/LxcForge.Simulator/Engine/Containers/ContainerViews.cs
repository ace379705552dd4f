using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>How a container appears in lists, <c>status/current</c> and <c>/cluster/resources</c>.</summary>
internal static class ContainerViews
{
    public static JsonObject Status(SimulatorCluster cluster, SimContainer ct)
    {
        var memory = MiB(ct.Config.GetValueOrDefault("memory"), 512);
        var swap = MiB(ct.Config.GetValueOrDefault("swap"), 512);
        var (disk, maxdisk) = RootDisk(cluster, ct);
        var uptime = ct.Running && ct.StartedAt is { } at ? (long)(cluster.Clock.GetUtcNow() - at).TotalSeconds : 0;
        var o = new JsonObject
        {
            ["vmid"] = ct.Vmid,
            ["name"] = ct.Name,
            ["status"] = ct.Running ? "running" : "stopped",
            ["type"] = "lxc",
            ["cpus"] = int.TryParse(ct.Config.GetValueOrDefault("cores"), out var cores) ? cores : 1,
            ["cpu"] = ct.Running ? 0.01 : 0,
            ["maxmem"] = memory,
            ["mem"] = ct.Running ? memory / 8 : 0,
            ["maxswap"] = swap,
            ["swap"] = 0,
            ["maxdisk"] = maxdisk,
            ["disk"] = ct.Running ? disk : 0,
            ["uptime"] = uptime,
            ["netin"] = 0,
            ["netout"] = 0,
            ["diskread"] = 0,
            ["diskwrite"] = 0,
            ["ha"] = new JsonObject { ["managed"] = 0 },
        };
        if (ct.Lock is { } l)
            o["lock"] = l;
        if (ct.IsTemplate)
            o["template"] = 1;
        if (ct.Config.GetValueOrDefault("tags") is { } tags)
            o["tags"] = tags;
        return o;
    }

    public static JsonObject Resource(SimulatorCluster cluster, SimContainer ct)
    {
        var s = Status(cluster, ct);
        var o = new JsonObject
        {
            ["id"] = $"lxc/{ct.Vmid}",
            ["type"] = "lxc",
            ["vmid"] = ct.Vmid,
            ["name"] = ct.Name,
            ["node"] = ct.Node,
            ["status"] = s["status"]!.DeepClone(),
            ["template"] = ct.IsTemplate ? 1 : 0,
            ["maxcpu"] = s["cpus"]!.DeepClone(),
            ["cpu"] = s["cpu"]!.DeepClone(),
            ["maxmem"] = s["maxmem"]!.DeepClone(),
            ["mem"] = s["mem"]!.DeepClone(),
            ["maxdisk"] = s["maxdisk"]!.DeepClone(),
            ["disk"] = s["disk"]!.DeepClone(),
            ["uptime"] = s["uptime"]!.DeepClone(),
            ["netin"] = 0,
            ["netout"] = 0,
            ["diskread"] = 0,
            ["diskwrite"] = 0,
        };
        if (ct.Lock is { } l)
            o["lock"] = l;
        if (ct.Config.GetValueOrDefault("tags") is { } tags)
            o["tags"] = tags;
        return o;
    }

    /// <summary>(used, size) of the root disk; size defaults to 4 GiB as Proxmox reports when unknown.</summary>
    public static (long Used, long Size) RootDisk(SimulatorCluster cluster, SimContainer ct)
    {
        if (ct.Config.GetValueOrDefault("rootfs") is not { } rootfs)
            return (0, 4L << 30);
        var spec = VolumeSpec.Parse(rootfs);
        var used = cluster.State.Volume(ct.Node, spec.Volume)?.UsedBytes ?? 0;
        return (used, spec.SizeBytes ?? (4L << 30));
    }

    private static long MiB(string? value, long fallback) => (long.TryParse(value, out var v) ? v : fallback) << 20;
}
