using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Lifecycle;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;
using LxcForge.Core.Spec.Validation;

namespace LxcForge.Core.Recovery;

/// <summary>Where <c>restore --as</c> puts its copy: a new CTID with its own address in the fleet subnet.</summary>
public sealed record RestoreCopy(int Ctid, string Ip);

/// <summary>What <c>restore</c> did.</summary>
/// <param name="CopyProblems">With a copy: why its CTID or address do not fit the spec (nothing was changed).</param>
/// <param name="Problem">Why the restore failed (undone: the replaced container was put back); nothing was deployed.</param>
/// <param name="Deploy">The deploy that applied the spec again; null when it stopped before.</param>
public sealed record RestoreResult(string Instance, IReadOnlyList<SpecProblem> CopyProblems, RestoreOutcome? Outcome, string? Problem, DeployResult? Deploy);

/// <summary>
/// The entry point of <c>restore</c>: a backup back into the instance's CTID (stopped, or with <c>force</c>; never
/// over a container LxcForge does not own; the old container is backed up first and put back if the restore
/// fails) or, with a <see cref="RestoreCopy"/>, into a new CTID as a service of its own; then the spec's network,
/// hostname and settings are applied again (Proxmox's --unique rewrites netN), started and checked.
/// </summary>
public sealed class RestoreWorkflow(WorkflowContext context)
{
    /// <param name="archive">The archive to restore; null = the instance's newest.</param>
    public async Task<RestoreResult> RunAsync(
        FleetSpec fleet,
        ServiceInstance instance,
        string? archive,
        bool force,
        RestoreCopy? copy,
        CancellationToken cancellationToken = default
    )
    {
        var (applyAs, target) = (instance.Name, instance.Ctid);
        if (copy is not null)
        {
            (fleet, applyAs, target) = (WithCopy(fleet, instance, copy), CopyName(instance, copy), copy.Ctid);
            if (SpecValidator.Validate(fleet, SpecSourceMap.Defaults) is { Count: > 0 } problems)
                return new RestoreResult(instance.Name, problems, null, null, null);
        }

        RestoreOutcome outcome;
        try
        {
            outcome = await new RestoreService(context.Host) { Log = context.Log }.RestoreAsync(
                fleet,
                instance.Ctid,
                target,
                archive,
                force,
                instance.Service.Node,
                cancellationToken
            );
            // What the archive holds is not the configuration LxcForge last applied: the re-apply below configures it again.
            new InstanceLifecycle(context).Replaced(outcome.Ctid);
            context.Log?.Invoke(
                $"{instance.Name}: restored {outcome.Archive} into CT {outcome.Ctid}"
                    + (outcome.SafetyBackup is { } s ? $" (the replaced container was saved as {s})" : "")
            );
        }
        catch (HostException e)
        {
            return new RestoreResult(instance.Name, [], null, $"{instance.Name}: {e.Message}", null);
        }

        var deploy = await new DeployWorkflow(context).RunAsync(fleet, [applyAs], $"restore {instance.Name}", cancellationToken);
        return new RestoreResult(instance.Name, [], outcome, null, deploy);
    }

    /// <summary>Why <paramref name="copy"/> does not fit the spec (its CTID or address taken, outside the subnet…); empty when it does. Changes nothing.</summary>
    public static IReadOnlyList<SpecProblem> CopyProblems(FleetSpec fleet, ServiceInstance instance, RestoreCopy copy) =>
        SpecValidator.Validate(WithCopy(fleet, instance, copy), SpecSourceMap.Defaults);

    /// <summary>The copy is a service of its own for the rest of the run: same template, its CTID, address and hostname.</summary>
    private static FleetSpec WithCopy(FleetSpec fleet, ServiceInstance instance, RestoreCopy copy) =>
        fleet with
        {
            Services =
            [
                .. fleet.Services,
                instance.Service with
                {
                    Name = CopyName(instance, copy),
                    Ctid = copy.Ctid,
                    Ip = copy.Ip,
                    Hostname = $"{instance.Hostname}-restored",
                    Replicas = null,
                },
            ],
        };

    private static string CopyName(ServiceInstance instance, RestoreCopy copy) => $"{instance.Name}-restored-{copy.Ctid}";
}
