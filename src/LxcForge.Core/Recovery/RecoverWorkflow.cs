using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Lifecycle;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Recovery;

/// <summary>How <c>recover</c> brought an instance back before applying the spec again.</summary>
public enum RecoverRoute
{
    /// <summary>The newest backup was restored over the failed container (which was saved first).</summary>
    Restored,

    /// <summary>No backup: the failed container was removed, and the deploy clones the template again.</summary>
    Recloned,

    /// <summary>No backup and no container: the deploy creates it.</summary>
    Deployed,
}

/// <summary>What <c>recover</c> did.</summary>
/// <param name="Problem">Why it stopped before deploying (nothing was changed, or a restore failed and was undone); else null.</param>
/// <param name="Deploy">The deploy that applied the spec again; null when it stopped before.</param>
public sealed record RecoverResult(string Instance, RecoverRoute Route, string? Archive, bool Confirmed, string? Problem, DeployResult? Deploy);

/// <summary>
/// The entry point of <c>recover</c>, the fleet design's "container failure". With a backup: restore the newest one
/// over the failed container. Without one: remove the failed container (after <see cref="ConfirmReclone"/>)
/// so its template is cloned again. Either way the spec is applied again and the service checked. Never
/// touches a container LxcForge does not own.
/// </summary>
public sealed class RecoverWorkflow(WorkflowContext context)
{
    /// <summary>Asked before a container with no backup is removed (its data is lost); false changes nothing.</summary>
    public Func<RemovalCheck, bool> ConfirmReclone { get; init; } = _ => true;

    public async Task<RecoverResult> RunAsync(FleetSpec fleet, ServiceInstance instance, string command, CancellationToken cancellationToken = default)
    {
        var lifecycle = new InstanceLifecycle(context);
        var restore = new RestoreService(context.Host) { Log = context.Log };
        var existing = await lifecycle.CheckAsync(instance.Name, instance.Ctid, cancellationToken);
        if (existing.Refusal == RemovalRefusal.NotOwned)
            return Stopped(RecoverRoute.Deployed, null, $"{instance.Name}: CT {instance.Ctid} is not LxcForge's; left untouched");

        var route = RecoverRoute.Deployed;
        string? archive = null;
        try
        {
            if (await restore.NewestAsync(fleet, instance.Ctid, cancellationToken) is { } newest)
            {
                (route, archive) = (RecoverRoute.Restored, newest.VolumeId);
                context.Log?.Invoke($"{instance.Name}: restoring the newest backup {newest.VolumeId}");
                await restore.RestoreAsync(fleet, instance.Ctid, instance.Ctid, newest.VolumeId, force: true, instance.Service.Node, cancellationToken);
                lifecycle.Replaced(instance.Ctid);
            }
            else if (existing.Exists)
            {
                route = RecoverRoute.Recloned;
                if (!ConfirmReclone(existing))
                    return new RecoverResult(instance.Name, route, null, Confirmed: false, null, null);

                // Protection is not checked here: Proxmox refuses to destroy a protected container, and says so.
                await lifecycle.RemoveAsync(existing with { Refusal = null }, fleet, backUp: false, cancellationToken);
            }
        }
        catch (HostException e)
        {
            return Stopped(route, archive, $"{instance.Name}: {e.Message}");
        }

        var deploy = await new DeployWorkflow(context).RunAsync(fleet, [instance.Name], command, cancellationToken);
        return new RecoverResult(instance.Name, route, archive, Confirmed: true, null, deploy);

        RecoverResult Stopped(RecoverRoute at, string? from, string problem) => new(instance.Name, at, from, Confirmed: true, problem, null);
    }
}
