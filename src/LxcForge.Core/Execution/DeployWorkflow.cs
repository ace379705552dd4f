using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Execution;

/// <summary>
/// The entry point of <c>plan</c> and <c>deploy</c>, and the last step of every workflow that changes the
/// fleet (scale, recover, restore, resize, demo): plan the selection against the host, show the plan to the
/// <see cref="WorkflowContext.Watcher"/>, then carry it out.
/// </summary>
public sealed class DeployWorkflow(WorkflowContext context)
{
    /// <summary>Reads the host and the journal and plans; nothing is changed.</summary>
    /// <param name="only">Service or instance names; empty or null = the whole fleet.</param>
    public Task<DeployPlan> PlanAsync(FleetSpec fleet, IReadOnlyCollection<string>? only, CancellationToken cancellationToken = default) =>
        context.Deployer().PlanAsync(fleet, only, cancellationToken);

    /// <summary>Plans, then deploys what the plan says; <paramref name="command"/> names the run in the journal.</summary>
    public async Task<DeployResult> RunAsync(FleetSpec fleet, IReadOnlyCollection<string>? only, string command, CancellationToken cancellationToken = default)
    {
        var deployer = context.Deployer();
        var plan = await deployer.PlanAsync(fleet, only, cancellationToken);
        if (context.Watcher is not { } watcher)
            return await deployer.RunAsync(fleet, plan, command, cancellationToken);
        watcher.Planned(plan);
        return await watcher.WatchAsync(deployer, plan, () => deployer.RunAsync(fleet, plan, command, cancellationToken));
    }
}
