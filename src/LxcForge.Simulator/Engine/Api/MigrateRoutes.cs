using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>
/// <c>/nodes/{node}/lxc/{vmid}/migrate</c>: offline or restart migration. Disks on local storage are streamed to the
/// same storage id (or <c>target-storage</c>) on the target node; shared ones stay. LXC has no live migration.
/// </summary>
internal static class MigrateRoutes
{
    public static JsonNode? Precondition(RouteContext c)
    {
        var ct = c.Container();
        var local = LocalVolumes(c.State, ct);
        var others = c.State.Nodes.Keys.Where(n => n != ct.Node).ToList();
        return new JsonObject
        {
            ["running"] = ct.Running,
            ["allowed-nodes"] = new JsonArray(others.Select(n => (JsonNode)n).ToArray()),
            ["not-allowed-nodes"] = new JsonObject(),
            ["local_volumes"] = new JsonArray(local.Select(v => (JsonNode)v.Volid).ToArray()),
        };
    }

    public static JsonNode? Migrate(RouteContext c)
    {
        var ct = c.Container();
        var node = c.NodeName;
        var target = c.Required("target");
        if (target == node)
            throw Pve.Die("target is local node.");
        _ = c.State.Node(target) ?? throw Pve.Die($"no such cluster node '{target}'");
        if (c.Bool("online") == true)
            throw Pve.Die("lxc live migration is currently not implemented");
        var restart = c.Bool("restart") == true;
        if (ct.Running && !restart)
            throw Pve.Die($"CT {ct.Vmid} is running - use --restart or --online");
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        var mapped = c.Optional("target-storage");
        var moves = LocalVolumes(c.State, ct)
            .Select(v =>
            {
                var destId = mapped ?? v.Storage;
                var dest = c.State.Storage(target, destId) ?? throw Pve.Die($"storage '{destId}' is not available on node '{target}'");
                return (Volume: v, Dest: dest);
            })
            .ToList();
        ct.Config["lock"] = "migrate";
        var cluster = c.Cluster;
        var wasRunning = ct.Running;
        return cluster
            .Tasks.Start(
                node,
                "vzmigrate",
                StatusRoutes.Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    ctx.Log($"starting migration of CT {ct.Vmid} to node '{target}'");
                    if (wasRunning)
                    {
                        ctx.Log("shutdown CT " + ct.Vmid);
                        await Lifecycle.StopAsync(cluster, ct, ctx, cluster.TimeModel.ShutdownDuration);
                    }

                    foreach (var (volume, dest) in moves)
                    {
                        SimVolume copy;
                        using (cluster.Gate.Enter())
                            copy = StorageOps.AllocateDisk(dest, ct.Vmid, volume.SizeBytes, volume.Ctime);

                        ctx.Log($"found local volume '{volume.Volid}' (in current VM config)");
                        await StorageOps.WriteAsync(
                            cluster,
                            cluster.State.Storage(node, volume.Storage),
                            dest,
                            copy,
                            volume.UsedBytes,
                            $"storage migration for '{volume.Volid}' to storage '{dest.Id}' failed - No space left on device",
                            ctx
                        );
                        using (cluster.Gate.Enter())
                        {
                            StorageOps.Free(cluster.State, node, volume.Volid);
                            foreach (var key in ct.VolumeKeys.ToList())
                            {
                                var spec = VolumeSpec.Parse(ct.Config[key], key != "rootfs");
                                if (spec.Volume == volume.Volid)
                                    ct.Config[key] = (spec with { Volume = copy.Volid }).ToString();
                            }
                        }

                        ctx.Log($"volume '{volume.Volid}' is '{copy.Volid}' on the target");
                    }

                    using (cluster.Gate.Enter())
                    {
                        ct.Node = target;
                        ct.Config.Remove("lock");
                    }

                    ctx.Log(
                        $"migration finished successfully (duration {cluster.Clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(ctx.Task.StartTime):hh\\:mm\\:ss})"
                    );
                    if (wasRunning)
                        await Lifecycle.StartAsync(cluster, ct, ctx);
                })
                {
                    Finally = () =>
                    {
                        if (ct.Lock == "migrate")
                            ct.Config.Remove("lock");
                    },
                }
            )
            .Upid;
    }

    private static List<SimVolume> LocalVolumes(ClusterState state, SimContainer ct) =>
        ct
            .VolumeKeys.Select(k => VolumeSpec.Parse(ct.Config[k], k != "rootfs").Volume)
            .Select(v => state.Volume(ct.Node, v))
            .OfType<SimVolume>()
            .Where(v => state.Storage(ct.Node, v.Storage) is { Profile.Shared: false })
            .ToList();
}
