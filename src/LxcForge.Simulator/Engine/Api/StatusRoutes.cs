using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/nodes/{node}/lxc/{vmid}/status/...</c>: current, start, stop, shutdown, reboot.</summary>
internal static class StatusRoutes
{
    public static JsonNode? Current(RouteContext c) => ContainerViews.Status(c.Cluster, c.Container());

    public static JsonNode? Index(RouteContext c)
    {
        _ = c.Container();
        return new JsonArray(new[] { "current", "start", "stop", "shutdown", "reboot" }.Select(s => (JsonNode)new JsonObject { ["subdir"] = s }).ToArray());
    }

    public static JsonNode? Start(RouteContext c)
    {
        var ct = c.Container();
        if (ct.Running)
            throw Pve.Die($"CT {ct.Vmid} already running");
        var skiplock = SkipLock(c);
        var cluster = c.Cluster;
        return cluster
            .Tasks.Start(c.NodeName, "vzstart", Id(ct.Vmid), c.User, new TaskRunner.Worker(ctx => Lifecycle.StartAsync(cluster, ct, ctx, skiplock)))
            .Upid;
    }

    public static JsonNode? Stop(RouteContext c)
    {
        var ct = c.Container();
        if (!ct.Running)
            throw Pve.Die($"CT {ct.Vmid} not running");
        var skiplock = SkipLock(c);
        var cluster = c.Cluster;
        return cluster
            .Tasks.Start(
                c.NodeName,
                "vzstop",
                Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(ctx =>
                {
                    using (cluster.Gate.Enter())
                    {
                        if (ct.Lock is { } l && !skiplock && l != "mounted")
                            throw Pve.Locked(l);
                    }

                    return Lifecycle.StopAsync(cluster, ct, ctx, cluster.TimeModel.StopDuration);
                })
            )
            .Upid;
    }

    public static JsonNode? Shutdown(RouteContext c)
    {
        var ct = c.Container();
        if (!ct.Running)
            throw Pve.Die($"CT {ct.Vmid} not running");
        var cluster = c.Cluster;
        var timeout = TimeSpan.FromSeconds(c.Int("timeout") ?? 60);
        var force = c.Bool("forceStop") == true;
        return cluster
            .Tasks.Start(
                c.NodeName,
                "vzshutdown",
                Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    using (cluster.Gate.Enter())
                    {
                        if (ct.Lock is { } l)
                            throw Pve.Locked(l);
                    }

                    var needed = cluster.TimeModel.ShutdownDuration;
                    if (needed > timeout && !force)
                    {
                        await cluster.Clock.Delay(timeout, ctx.CancellationToken);
                        throw new TaskFailedException("container did not stop");
                    }

                    await Lifecycle.StopAsync(cluster, ct, ctx, needed > timeout ? timeout : needed);
                })
            )
            .Upid;
    }

    public static JsonNode? Reboot(RouteContext c)
    {
        var ct = c.Container();
        if (!ct.Running)
            throw Pve.Die($"VM {ct.Vmid} not running");
        var cluster = c.Cluster;
        return cluster
            .Tasks.Start(
                c.NodeName,
                "vzreboot",
                Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    await Lifecycle.StopAsync(cluster, ct, ctx, cluster.TimeModel.ShutdownDuration);
                    await Lifecycle.StartAsync(cluster, ct, ctx);
                })
            )
            .Upid;
    }

    private static bool SkipLock(RouteContext c)
    {
        var skiplock = c.Bool("skiplock") == true;
        if (skiplock && !c.IsRootAtPam)
            throw Pve.Forbidden("option 'skiplock' is only allowed for root@pam");
        return skiplock;
    }

    internal static string Id(int vmid) => vmid.ToString(CultureInfo.InvariantCulture);
}
