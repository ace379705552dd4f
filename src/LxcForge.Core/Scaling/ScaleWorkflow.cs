using LxcForge.Core.Execution;
using LxcForge.Core.Lifecycle;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Scaling;

/// <summary>What <c>scale</c> did: surplus replicas removed (with their backups), those left in place, and the deploy that followed.</summary>
/// <param name="Deploy">Null when the removal was not confirmed (nothing was removed or deployed).</param>
public sealed record ScaleResult(IReadOnlyList<RemovedInstance> Removed, IReadOnlyList<RemovalCheck> LeftInPlace, DeployResult? Deploy)
{
    public bool Confirmed => Deploy is not null;
}

/// <summary>
/// The entry point of <c>scale</c>, the fleet design's horizontal scaling: applies a new replica count. Surplus
/// replicas — those the old spec had and the new one does not — are removed newest (highest ordinal) first,
/// only LxcForge's own and unprotected ones, each backed up first unless told otherwise; then the service is
/// deployed, which clones any new replicas with their own CTID and address.
/// </summary>
public sealed class ScaleWorkflow(WorkflowContext context)
{
    /// <summary>Asked with the replicas about to be removed (only when there are some); false removes and deploys nothing.</summary>
    public Func<IReadOnlyList<RemovalCheck>, bool> Confirm { get; init; } = _ => true;

    /// <summary>Why <paramref name="count"/> replicas of <paramref name="service"/> cannot be placed, or null; checked before the spec is edited.</summary>
    public static string? Problem(FleetSpec fleet, string service, int count)
    {
        if (fleet.FindService(service) is not { } found)
            return $"no service '{service}' in the spec";
        var planned = ReplicaPlanner.Plan(fleet, found, count);
        return planned.IsComplete
            ? null
            : string.Join("; ", planned.Problems.Select(p => $"services.{service}.{p.Field}: {p.Message}")) + "; nothing was changed";
    }

    /// <param name="before">The spec before the new count was written.</param>
    /// <param name="after">The spec with the new count.</param>
    /// <param name="backUp">Back up each surplus replica before it is removed.</param>
    /// <param name="command">Names the run in the journal.</param>
    public async Task<ScaleResult> RunAsync(
        FleetSpec before,
        FleetSpec after,
        string service,
        bool backUp,
        string command,
        CancellationToken cancellationToken = default
    )
    {
        var old = before.FindService(service) ?? throw new ArgumentException($"no service '{service}' in the old spec", nameof(service));
        var now = after.FindService(service) ?? throw new ArgumentException($"no service '{service}' in the new spec", nameof(service));
        var keep = ReplicaPlanner.Plan(after, now).Instances.Select(i => i.Ctid).ToHashSet();
        var surplus = ReplicaPlanner.Plan(before, old).Instances.Where(i => i.IsReplica && !keep.Contains(i.Ctid)).OrderByDescending(i => i.Ordinal);

        var lifecycle = new InstanceLifecycle(context);
        var removable = new List<RemovalCheck>();
        var left = new List<RemovalCheck>();
        foreach (var instance in surplus)
        {
            var check = await lifecycle.CheckAsync(instance.Name, instance.Ctid, cancellationToken);
            if (check.Removable)
            {
                removable.Add(check);
            }
            else if (check.Exists)
            {
                left.Add(check);
                context.Warn?.Invoke(
                    $"{instance.Name}: CT {instance.Ctid} is {(check.Container!.Config.Protection ? "protected" : "not LxcForge's")}; left in place"
                );
            }
        }

        if (removable.Count > 0 && !Confirm(removable))
            return new ScaleResult([], left, null);

        var removed = new List<RemovedInstance>();
        foreach (var target in removable)
        {
            var gone = await lifecycle.RemoveAsync(target, after, backUp, cancellationToken);
            if (gone.Backup is { } backup)
                context.Log?.Invoke($"{target.Name}: backed up to {backup}");
            context.Log?.Invoke($"{target.Name}: CT {target.Ctid} removed");
            removed.Add(gone);
        }

        var deploy = await new DeployWorkflow(context).RunAsync(after, [service], command, cancellationToken);
        return new ScaleResult(removed, left, deploy);
    }
}
