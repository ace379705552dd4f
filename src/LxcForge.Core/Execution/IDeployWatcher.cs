using LxcForge.Core.Planning;

namespace LxcForge.Core.Execution;

/// <summary>
/// How a caller follows a deploy without Core writing anywhere: it sees the plan before anything changes,
/// and runs the deploy itself so it can show the deployer's <see cref="Deployer.Progress"/> around it
/// (a live table needs to wrap the whole run).
/// </summary>
public interface IDeployWatcher
{
    /// <summary>The plan, before any change is made.</summary>
    void Planned(DeployPlan plan);

    /// <summary>Runs <paramref name="deploy"/> (exactly once) while watching <paramref name="deployer"/>.</summary>
    Task<DeployResult> WatchAsync(Deployer deployer, DeployPlan plan, Func<Task<DeployResult>> deploy);
}
