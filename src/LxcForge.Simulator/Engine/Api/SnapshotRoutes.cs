using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/nodes/{node}/lxc/{vmid}/snapshot</c>: list, create, rollback, delete (storage snapshots: lvmthin, zfs, rbd, btrfs).</summary>
internal static class SnapshotRoutes
{
    public static JsonNode? List(RouteContext c)
    {
        var ct = c.Container();
        var items = ct
            .Snapshots.Select(s =>
            {
                var o = new JsonObject
                {
                    ["name"] = s.Name,
                    ["description"] = s.Description,
                    ["snaptime"] = s.Snaptime,
                };
                if (s.Parent is { } p)
                    o["parent"] = p;
                return (JsonNode)o;
            })
            .ToList();
        var current = new JsonObject
        {
            ["name"] = "current",
            ["description"] = "You are here!",
            ["running"] = ct.Running ? 1 : 0,
        };
        if (ct.Parent is { } parent)
            current["parent"] = parent;
        items.Add(current);
        return new JsonArray(items.ToArray());
    }

    public static JsonNode? Create(RouteContext c)
    {
        var ct = c.Container();
        var name = c.Required("snapname");
        if (name == "current" || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z][A-Za-z0-9_-]+$"))
            throw Pve.Param("snapname", $"invalid format - invalid configuration ID '{name}'");
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        if (ct.Snapshots.Any(s => s.Name == name))
            throw Pve.Die($"snapshot name '{name}' already used");
        foreach (var key in ct.VolumeKeys)
        {
            var volid = LxcForge.Core.Hosting.VolumeSpec.Parse(ct.Config[key], key != "rootfs").Volume;
            if (c.State.Storage(ct.Node, volid.Split(':')[0]) is not { SupportsSnapshots: true })
                throw Pve.Die("snapshot feature is not available");
        }

        var description = c.Optional("description") ?? "";
        var cluster = c.Cluster;
        return Locked(c, ct, "vzsnapshot", "snapshot", async _ =>
        {
            await cluster.Sandboxes.SaveSnapshotAsync(ct.Vmid, name);
            using (cluster.Gate.Enter())
            {
                var config = new SortedDictionary<string, string>(ct.Config.Where(kv => kv.Key != "lock").ToDictionary(), StringComparer.Ordinal);
                ct.Snapshots.Add(
                    new SimSnapshot
                    {
                        Name = name,
                        Description = description,
                        Snaptime = cluster.Clock.GetUtcNow().ToUnixTimeSeconds(),
                        Parent = ct.Parent,
                        Config = config,
                    }
                );
                ct.Parent = name;
            }
        });
    }

    public static JsonNode? Rollback(RouteContext c)
    {
        var ct = c.Container();
        var snap = Find(c, ct);
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        var start = c.Bool("start") == true;
        var cluster = c.Cluster;
        return Locked(c, ct, "vzrollback", "rollback", async ctx =>
        {
            if (ct.Running)
                await Lifecycle.StopAsync(cluster, ct, ctx, cluster.TimeModel.StopDuration);
            await cluster.Sandboxes.RollbackAsync(ct.Vmid, snap.Name);
            using (cluster.Gate.Enter())
            {
                ct.Config = new SortedDictionary<string, string>(snap.Config, StringComparer.Ordinal) { ["lock"] = "rollback" };
                ct.Pending.Clear();
                ct.PendingDelete.Clear();
                ct.Parent = snap.Name;
            }

            if (start)
            {
                using (cluster.Gate.Enter())
                    ct.Config.Remove("lock");
                await Lifecycle.StartAsync(cluster, ct, ctx);
            }
        });
    }

    public static JsonNode? Delete(RouteContext c)
    {
        var ct = c.Container();
        var snap = Find(c, ct);
        if (ct.Lock is { } l && c.Bool("force") != true)
            throw Pve.Locked(l);
        var cluster = c.Cluster;
        return Locked(c, ct, "vzdelsnapshot", "snapshot-delete", _ =>
        {
            using (cluster.Gate.Enter())
            {
                foreach (var child in ct.Snapshots.Where(s => s.Parent == snap.Name))
                    child.Parent = snap.Parent;
                if (ct.Parent == snap.Name)
                    ct.Parent = snap.Parent;
                ct.Snapshots.Remove(snap);
            }

            cluster.Sandboxes.DeleteSnapshot(ct.Vmid, snap.Name);
            return Task.CompletedTask;
        });
    }

    public static JsonNode? Config(RouteContext c)
    {
        var snap = Find(c, c.Container());
        var o = new JsonObject();
        foreach (var (k, v) in snap.Config)
            o[k] = v;
        o["snaptime"] = snap.Snaptime;
        if (snap.Parent is { } p)
            o["parent"] = p;
        return o;
    }

    private static SimSnapshot Find(RouteContext c, SimContainer ct)
    {
        var name = c.Required("snapname");
        return ct.Snapshots.FirstOrDefault(s => s.Name == name) ?? throw Pve.Die($"snapshot '{name}' does not exist");
    }

    /// <summary>Runs a snapshot worker holding config lock <paramref name="lockName"/>, removed at the end.</summary>
    private static string Locked(RouteContext c, SimContainer ct, string type, string lockName, Func<TaskContext, Task> body)
    {
        ct.Config["lock"] = lockName;
        return c
            .Cluster.Tasks.Start(
                c.NodeName,
                type,
                StatusRoutes.Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(body)
                {
                    Finally = () =>
                    {
                        if (ct.Lock is "snapshot" or "rollback" or "snapshot-delete")
                            ct.Config.Remove("lock");
                    },
                }
            )
            .Upid;
    }
}
