using System.Collections.Concurrent;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Locking;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;

namespace LxcForge.Core.Execution;

/// <summary>
/// Carries out a <see cref="DeployPlan"/>: per container clone → config → start → ready → configure → check.
/// Clones reading one storage take turns — so clones of one template run one at a time, as Proxmox locks the
/// source (<c>CT is locked (disk)</c>) — and everything else runs in parallel up to <see cref="DeployOptions.Parallel"/>
/// (see <see cref="Places"/>). One container's failure
/// does not stop the others. Every step is journalled so an interrupted run can be finished by the next.
/// </summary>
/// <param name="state">The host's state, kept under its identity (<see cref="IContainerHost.GetIdentityAsync"/>).</param>
public sealed class Deployer(IContainerHost host, HostState state, TimeProvider time, DeployOptions? options = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _cloneGates = new(StringComparer.Ordinal);

    internal IContainerHost Host => host;
    internal StateStore State => state.Store;
    internal TimeProvider Time => time;
    internal DeployOptions Options { get; } = options ?? new DeployOptions();
    internal Polling Polling => new(time, Options);
    internal string HostKey => state.Identity;
    internal long Run { get; private set; }

    /// <summary>Raised for every phase start, end and retry; may be called from several threads at once.</summary>
    public event Action<DeployEvent>? Progress;

    /// <summary>Reads the host and the journal, and plans (no change is made).</summary>
    public async Task<DeployPlan> PlanAsync(FleetSpec fleet, IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        var observed = await ObservedState.ReadAsync(host, FleetInstances.Expand(fleet), cancellationToken);
        return Planner.Plan(fleet, WithJournal(observed), only);
    }

    internal ObservedState WithJournal(ObservedState observed) => observed.WithLocalState(State, HostKey);

    /// <summary>Carries out <paramref name="plan"/> holding the host's lock (<see cref="HostLockGuard"/>); planned again when another
    /// run held it meanwhile. A plan with nothing to change takes no lock (and writes nothing to the host).</summary>
    public Task<DeployResult> RunAsync(FleetSpec fleet, DeployPlan plan, string command = "deploy", CancellationToken cancellationToken = default) =>
        !plan.HasChanges
            ? RunHoldingLockAsync(fleet, plan, command, cancellationToken)
            : HostLockGuard.RunAsync(
                host,
                command,
                time,
                async waited =>
                {
                    if (waited && plan.HasChanges)
                        plan = await PlanAsync(fleet, [.. plan.Items.Select(i => i.Name)], cancellationToken);
                    return await RunHoldingLockAsync(fleet, plan, command, cancellationToken);
                },
                Options.HostLock,
                Options.Notice,
                cancellationToken
            );

    private async Task<DeployResult> RunHoldingLockAsync(FleetSpec fleet, DeployPlan plan, string command, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var work = plan.Items.Where(i => !i.IsNoop && i.Action != PlanAction.Error).ToList();
        var parallel = Math.Max(
            1,
            Options.Parallel ?? (work.Count == 0 ? DefaultParallelism.Minimum : await DefaultParallelism.ChooseAsync(host, cancellationToken))
        );
        if (work.Count > 0)
            Run = State.StartRun(HostKey, command);
        // Before any marker is written: the ids this run gives (or found and adopts), so a run killed after a clone still knows its own.
        foreach (var item in plan.Items.Where(i => i.OwnerId is not null && i.Action != PlanAction.Error))
            State.RecordOwnerId(HostKey, item.Ctid, item.OwnerId!);
        var fleetContainers = FleetInstances.Expand(fleet);
        using var gate = new SemaphoreSlim(parallel);
        var runs = new Task<DeployOutcome>[plan.Items.Count];

        // Containers to create first (they have the most to do, and the disk that bounds the run starts at once);
        // waiting calls queue in this order. Outcomes stay in the plan's order.
        foreach (var index in Enumerable.Range(0, runs.Length).OrderBy(i => plan.Items[i].Action == PlanAction.Create ? 0 : 1))
            runs[index] = RunOneAsync(plan.Items[index], gate, new ServiceContext(plan.Items[index].Desired, fleet, fleetContainers), cancellationToken);
        var outcomes = await Task.WhenAll(runs);
        var result = new DeployResult(outcomes, parallel, time.GetElapsedTime(started));
        if (work.Count > 0)
            State.FinishRun(Run, result.Succeeded ? "ok" : "failed");
        return result;
    }

    /// <summary>One container, once it has its places (<see cref="Places"/>).</summary>
    private async Task<DeployOutcome> RunOneAsync(ContainerPlan item, SemaphoreSlim gate, ServiceContext context, CancellationToken cancellationToken)
    {
        if (item.IsNoop || item.Action == PlanAction.Error)
            return Settled(item);
        using var places = new Places(gate, CloneGate);
        await places.TakeAsync(item.Action == PlanAction.Create ? item.CloneFrom : null, cancellationToken);
        return await new ContainerRun(this, item, context, places).RunAsync(cancellationToken);
    }

    /// <summary>One turn per source storage on a node (per template when its storage is unknown).</summary>
    private SemaphoreSlim CloneGate(CloneSource from) =>
        _cloneGates.GetOrAdd($"{from.Node}/{from.SourceStorage ?? $"CT {from.TemplateCtid}"}", _ => new SemaphoreSlim(1));

    internal void Report(ContainerPlan item, DeployPhase phase, DeployEventKind kind, string message) =>
        Progress?.Invoke(new DeployEvent(item.Name, item.Ctid, phase, kind, message, time.GetUtcNow()));

    private static DeployOutcome Settled(ContainerPlan item) =>
        new()
        {
            Service = item.Name,
            Ctid = item.Ctid,
            Ip = item.Desired.Ip,
            Action = item.Action,
            Result = item.Action == PlanAction.Error ? DeployOutcomeKind.Failed : DeployOutcomeKind.Unchanged,
            Error = item.Error,
        };
}
