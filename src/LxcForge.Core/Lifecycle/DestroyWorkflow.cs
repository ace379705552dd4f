using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Lifecycle;

/// <summary>What <c>destroy</c> did: the containers removed, the ones left alone (why, per line), and whether it was confirmed.</summary>
public sealed record DestroyResult(IReadOnlyList<RemovedInstance> Destroyed, IReadOnlyList<string> Refused, bool Confirmed)
{
    /// <summary>Nothing asked to be destroyed existed and nothing was refused.</summary>
    public bool NothingThere => Destroyed.Count == 0 && Refused.Count == 0;
}

/// <summary>
/// The entry point of <c>destroy</c>: removes instances' containers — only LxcForge's own, never a protected
/// one, and only after <see cref="Confirm"/> says yes. Backups stay on the backup storage.
/// </summary>
public sealed class DestroyWorkflow(WorkflowContext context)
{
    /// <summary>Asked once with every container about to go (after the refusals were reported); false changes nothing.</summary>
    public Func<IReadOnlyList<RemovalCheck>, bool> Confirm { get; init; } = _ => true;

    public async Task<DestroyResult> RunAsync(FleetSpec fleet, IReadOnlyList<ServiceInstance> instances, CancellationToken cancellationToken = default)
    {
        var lifecycle = new InstanceLifecycle(context);
        var targets = new List<RemovalCheck>();
        var refused = new List<string>();
        foreach (var instance in instances)
        {
            var check = await lifecycle.CheckAsync(instance.Name, instance.Ctid, cancellationToken);
            if (check.Removable)
                targets.Add(check);
            else if (check.Refusal is { } why)
                refused.Add(
                    why == RemovalRefusal.NotOwned
                        ? $"{instance.Name}: CT {instance.Ctid} ('{check.Container!.Summary.Name}') is not LxcForge's; left untouched"
                        : $"{instance.Name}: CT {instance.Ctid} is protected (protection: 1); left untouched"
                );
        }

        foreach (var line in refused)
            context.Warn?.Invoke(line);
        if (targets.Count == 0)
            return new DestroyResult([], refused, Confirmed: true);
        if (!Confirm(targets))
            return new DestroyResult([], refused, Confirmed: false);

        var destroyed = new List<RemovedInstance>();
        foreach (var target in targets)
        {
            destroyed.Add(await lifecycle.RemoveAsync(target, fleet, backUp: false, cancellationToken));
            context.Log?.Invoke($"[{target.Name}] CT {target.Ctid} destroyed");
        }

        return new DestroyResult(destroyed, refused, Confirmed: true);
    }
}
