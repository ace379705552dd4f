using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>How a container appears in lists, <c>status/current</c> and <c>/cluster/resources</c>.</summary>
internal static class ContainerViews
{
    public static JsonObject Status(SimulatorCluster cluster, SimContainer ct)
    {
        var f = Figures.Of(cluster, ct);
        var o = new JsonObject
        {
            ["vmid"] = ct.Vmid,
            ["name"] = ct.Name,
            ["status"] = f.Status,
            ["type"] = "lxc",
            ["cpus"] = f.Cpus,
            ["cpu"] = f.Cpu,
            ["maxmem"] = f.MaxMem,
            ["mem"] = f.Mem,
            ["maxswap"] = f.MaxSwap,
            ["swap"] = 0,
            ["maxdisk"] = f.MaxDisk,
            ["disk"] = f.Disk,
            ["uptime"] = f.Uptime,
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

    /// <summary>Writes the container's <c>/cluster/resources</c> entry (written directly: the list is read often and is large).</summary>
    public static void WriteResource(Utf8JsonWriter w, SimulatorCluster cluster, SimContainer ct)
    {
        var f = Figures.Of(cluster, ct);
        w.WriteStartObject();
        w.WriteString("id", $"lxc/{ct.Vmid}");
        w.WriteString("type", "lxc");
        w.WriteNumber("vmid", ct.Vmid);
        w.WriteString("name", ct.Name);
        w.WriteString("node", ct.Node);
        w.WriteString("status", f.Status);
        w.WriteNumber("template", ct.IsTemplate ? 1 : 0);
        w.WriteNumber("maxcpu", f.Cpus);
        w.WriteNumber("cpu", f.Cpu);
        w.WriteNumber("maxmem", f.MaxMem);
        w.WriteNumber("mem", f.Mem);
        w.WriteNumber("maxdisk", f.MaxDisk);
        w.WriteNumber("disk", f.Disk);
        w.WriteNumber("uptime", f.Uptime);
        w.WriteNumber("netin", 0);
        w.WriteNumber("netout", 0);
        w.WriteNumber("diskread", 0);
        w.WriteNumber("diskwrite", 0);
        if (ct.Lock is { } l)
            w.WriteString("lock", l);
        if (ct.Config.GetValueOrDefault("tags") is { } tags)
            w.WriteString("tags", tags);
        w.WriteEndObject();
    }

    /// <summary>Seconds since start (0 when stopped): the one part of a container's views that moves with time alone.</summary>
    public static long Uptime(SimulatorCluster cluster, SimContainer ct) =>
        ct.Running && ct.StartedAt is { } at ? (long)(cluster.Clock.GetUtcNow() - at).TotalSeconds : 0;

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

    /// <summary>The numbers status/current and /cluster/resources share.</summary>
    private readonly record struct Figures(string Status, int Cpus, double Cpu, long MaxMem, long Mem, long MaxSwap, long MaxDisk, long Disk, long Uptime)
    {
        public static Figures Of(SimulatorCluster cluster, SimContainer ct)
        {
            var memory = MiB(ct.Config.GetValueOrDefault("memory"), 512);
            var swap = MiB(ct.Config.GetValueOrDefault("swap"), 512);
            var (disk, maxdisk) = RootDisk(cluster, ct);
            return new Figures(
                ct.Running ? "running" : "stopped",
                int.TryParse(ct.Config.GetValueOrDefault("cores"), out var cores) ? cores : 1,
                ct.Running ? 0.01 : 0,
                memory,
                ct.Running ? memory / 8 : 0,
                swap,
                maxdisk,
                ct.Running ? disk : 0,
                ContainerViews.Uptime(cluster, ct)
            );
        }
    }
}
