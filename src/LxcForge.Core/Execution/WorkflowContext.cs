using LxcForge.Core.Hosting;
using LxcForge.Core.State;

namespace LxcForge.Core.Execution;

/// <summary>
/// What every fleet workflow (deploy, scale, destroy, recover, restore, rebuild) works with: one connected
/// host, the local state scoped to that host, the clock, and how it reports —
/// <see cref="Log"/> for progress, <see cref="Warn"/> for what was left alone, <see cref="Watcher"/> for deploys.
/// </summary>
/// <param name="State">The host's secrets, journal and configuration marks, kept under its identity.</param>
public sealed record WorkflowContext(IContainerHost Host, HostState State, TimeProvider Time)
{
    /// <summary>The key the host's state is kept under (its identity).</summary>
    public string HostKey => State.Identity;

    public DeployOptions DeployOptions { get; init; } = new();

    public IDeployWatcher? Watcher { get; init; }

    /// <summary>Progress for a person (what is being done).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Something refused or left alone, that a person must see even when progress is hidden.</summary>
    public Action<string>? Warn { get; init; }

    public Deployer Deployer() => new(Host, State, Time, DeployOptions);
}
