using LxcForge.Simulator.Engine.Api;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>Start and stop as the vzstart/vzstop workers do them, shared by start, reboot, create --start, rollback, vzdump stop mode.</summary>
internal static class Lifecycle
{
    /// <summary>Checks (lock, template), waits the model's start time, applies pending changes and marks the CT running.</summary>
    public static async Task StartAsync(SimulatorCluster cluster, SimContainer ct, TaskContext ctx, bool skiplock = false)
    {
        using (cluster.Gate.Enter())
        {
            if (ct.Lock is { } l && !skiplock && l != "mounted")
                throw Pve.Locked(l);
            if (ct.IsTemplate)
                throw new TaskFailedException("you can't start a CT if it's a template");
            if (ct.Running)
                throw new TaskFailedException($"CT {ct.Vmid} already running");
            ApplyPending(ct);
        }

        await cluster.Clock.Delay(cluster.TimeModel.StartDuration, ctx.CancellationToken);
        using (cluster.Gate.Enter())
        {
            var now = cluster.Clock.GetUtcNow();
            ct.Running = true;
            ct.StartedAt = now;
            ct.NetworkUpAt = now + cluster.TimeModel.NetworkDelay;
        }

        cluster.Sandboxes.WriteIdentity(ct.Vmid, ct.Name);
    }

    public static async Task StopAsync(SimulatorCluster cluster, SimContainer ct, TaskContext ctx, TimeSpan duration)
    {
        await cluster.Clock.Delay(duration, ctx.CancellationToken);
        using (cluster.Gate.Enter())
            MarkStopped(ct);
    }

    public static void MarkStopped(SimContainer ct)
    {
        ct.Running = false;
        ct.StartedAt = null;
        ct.NetworkUpAt = null;
    }

    /// <summary>Moves <c>[pending]</c> values into the config (at start, or at once on a stopped CT).</summary>
    public static void ApplyPending(SimContainer ct)
    {
        foreach (var (k, v) in ct.Pending)
            ct.Config[k] = v;
        foreach (var k in ct.PendingDelete)
            ct.Config.Remove(k);
        ct.Pending.Clear();
        ct.PendingDelete.Clear();
    }
}
