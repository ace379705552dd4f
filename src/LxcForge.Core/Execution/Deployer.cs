using System.Collections.Concurrent;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;

namespace LxcForge.Core.Execution;

/// <summary>
/// Carries out a <see cref="DeployPlan"/>: per container clone → config → start → ready → configure → check.
/// Clones of one template run one at a time (Proxmox locks the source with <c>CT is locked (disk)</c>);
/// everything else runs in parallel up to <see cref="DeployOptions.Parallel"/>. One container's failure
/// does not stop the others. Every step is journalled so an interrupted run can be finished by the next.
/// </summary>
/// <param name="stateKey">The name the host's secrets and journal are kept under (e.g. the <c>--host</c> address); default its description.</param>
public sealed class Deployer(IContainerHost host, StateStore state, TimeProvider time, DeployOptions? options = null, string? stateKey = null)
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _templateLocks = new();

    internal IContainerHost Host => host;
    internal StateStore State => state;
    internal TimeProvider Time => time;
    internal DeployOptions Options { get; } = options ?? new DeployOptions();
    internal Polling Polling => new(time, Options);
    internal string HostKey { get; } = stateKey ?? host.Description;
    internal long Run { get; private set; }

    /// <summary>Raised for every phase start, end and retry; may be called from several threads at once.</summary>
    public event Action<DeployEvent>? Progress;

    /// <summary>Reads the host and the journal, and plans (no change is made).</summary>
    public async Task<DeployPlan> PlanAsync(FleetSpec fleet, IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        var observed = await ObservedState.ReadAsync(host, FleetInstances.Expand(fleet), cancellationToken);
        return Planner.Plan(fleet, WithJournal(observed), only);
    }

    internal ObservedState WithJournal(ObservedState observed) =>
        observed with { Configured = state.ConfiguredFingerprints(HostKey), ClonesStarted = state.ClonesStarted(HostKey) };

    public async Task<DeployResult> RunAsync(FleetSpec fleet, DeployPlan plan, string command = "deploy", CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var work = plan.Items.Where(i => !i.IsNoop && i.Action != PlanAction.Error).ToList();
        var parallel = Math.Max(1, Options.Parallel ?? (work.Count == 0 ? DefaultParallelism.Minimum : await DefaultParallelism.ChooseAsync(host, cancellationToken)));
        if (work.Count > 0)
            Run = state.StartRun(HostKey, command);
        var fleetContainers = FleetInstances.Expand(fleet);
        using var gate = new SemaphoreSlim(parallel);
        var outcomes = await Task.WhenAll(plan.Items.Select(async item =>
        {
            if (item.IsNoop || item.Action == PlanAction.Error)
                return Settled(item);
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await new ContainerRun(this, item, new ServiceContext(item.Desired, fleet, fleetContainers)).RunAsync(cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        var result = new DeployResult(outcomes, parallel, time.GetElapsedTime(started));
        if (work.Count > 0)
            state.FinishRun(Run, result.Succeeded ? "ok" : "failed");
        return result;
    }

    /// <summary>Holds the per-template clone lock while <paramref name="clone"/> runs.</summary>
    internal async Task<T> WithTemplateLockAsync<T>(int templateCtid, Func<Task<T>> clone, CancellationToken cancellationToken)
    {
        var gate = _templateLocks.GetOrAdd(templateCtid, _ => new SemaphoreSlim(1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await clone();
        }
        finally
        {
            gate.Release();
        }
    }

    internal void Report(ContainerPlan item, DeployPhase phase, DeployEventKind kind, string message) =>
        Progress?.Invoke(new DeployEvent(item.Name, item.Ctid, phase, kind, message, time.GetUtcNow()));

    private static DeployOutcome Settled(ContainerPlan item) => new()
    {
        Service = item.Name,
        Ctid = item.Ctid,
        Ip = item.Desired.Ip,
        Action = item.Action,
        Result = item.Action == PlanAction.Error ? DeployOutcomeKind.Failed : DeployOutcomeKind.Unchanged,
        Error = item.Error,
    };
}
