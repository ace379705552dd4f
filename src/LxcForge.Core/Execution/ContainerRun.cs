using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;

namespace LxcForge.Core.Execution;

/// <summary>One container's deploy: runs the phases its plan needs, journals them and times them.</summary>
/// <param name="places">Its place among those in flight and its clone turn.</param>
internal sealed partial class ContainerRun(Deployer deployer, ContainerPlan initial, ServiceContext context, Places places)
{
    private readonly ContainerPlan plan = initial;
    private readonly Dictionary<DeployPhase, TimeSpan> _times = [];
    private readonly ServiceRecipe _recipe = ServiceRegistry.For(initial.Desired)!;
    private ContainerPlan _item = initial;

    private IContainerHost Host => deployer.Host;
    private int Ctid => plan.Ctid;

    public async Task<DeployOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var phase = DeployPhase.Clone;
        try
        {
            if (_item.Action == PlanAction.Resume)
            {
                phase = DeployPhase.Resume;
                await PhaseAsync(phase, () => ResumeAsync(cancellationToken));
            }

            if (_item.Action == PlanAction.Create)
                await PhaseAsync(phase = DeployPhase.Clone, () => CloneAsync(cancellationToken));
            if (
                _item.Action is PlanAction.Create or PlanAction.Update
                && (_item.Action == PlanAction.Create || _item.Changes.Count > 0 || _item.Grow is not null)
            )
                await PhaseAsync(phase = DeployPhase.Config, () => ConfigAsync(cancellationToken));
            if (_item.Start || _item.Restart)
                await PhaseAsync(phase = DeployPhase.Start, () => StartAsync(cancellationToken));
            if (_item.Check || _item.Configure)
                await PhaseAsync(phase = DeployPhase.Ready, () => ReadyAsync(cancellationToken));
            if (_item.Configure)
                await PhaseAsync(phase = DeployPhase.Configure, () => ConfigureAsync(cancellationToken));
            if (_item.Check || _item.Configure)
                await PhaseAsync(phase = DeployPhase.Check, () => CheckAsync(cancellationToken));
            // Recorded only once healthy: a configuration that fails its check is applied and checked again by the next run.
            if (_item.Configure)
                await MarkConfiguredAsync(cancellationToken);
            return Outcome(DeployOutcomeKind.Done, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Outcome(DeployOutcomeKind.Failed, $"{phase.ToString().ToLowerInvariant()}: {Redact(e.Message)}", phase);
        }
    }

    /// <summary>The mark names the container that received the configuration (<see cref="ContainerIdentity"/>), so a replacement does not inherit it.</summary>
    private async Task MarkConfiguredAsync(CancellationToken ct)
    {
        var info = await Host.GetContainerAsync(Ctid, ct) ?? throw new InvalidOperationException($"CT {Ctid} is gone after its configuration");
        deployer.State.MarkConfigured(deployer.HostKey, Ctid, plan.Name, _item.Fingerprint ?? _recipe.Fingerprint(context), ContainerIdentity.Of(info));
    }

    private async Task PhaseAsync(DeployPhase phase, Func<Task<string>> body)
    {
        var step = phase.ToString().ToLowerInvariant();
        var started = deployer.Time.GetTimestamp();
        deployer.State.Record(deployer.Run, deployer.HostKey, plan.Name, Ctid, step, "started");
        deployer.Report(plan, phase, DeployEventKind.Started, step);
        using var heartbeat = new CancellationTokenSource();
        var beating = HeartbeatAsync(phase, started, heartbeat.Token);
        try
        {
            var detail = await body();
            _times[phase] = _times.GetValueOrDefault(phase) + deployer.Time.GetElapsedTime(started);
            deployer.State.Record(deployer.Run, deployer.HostKey, plan.Name, Ctid, step, "done", detail);
            deployer.Report(plan, phase, DeployEventKind.Succeeded, detail);
        }
        catch (Exception e)
        {
            _times[phase] = _times.GetValueOrDefault(phase) + deployer.Time.GetElapsedTime(started);
            var message = Redact(e.Message);
            deployer.State.Record(deployer.Run, deployer.HostKey, plan.Name, Ctid, step, e is OperationCanceledException ? "interrupted" : "failed", message);
            deployer.Report(plan, phase, DeployEventKind.Failed, message);
            throw;
        }
        finally
        {
            await heartbeat.CancelAsync();
            await beating;
        }
    }

    /// <summary>Says the phase is still going every <see cref="DeployOptions.NoticeEvery"/>, so no wait is silent (a long host task included).</summary>
    private async Task HeartbeatAsync(DeployPhase phase, long started, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(deployer.Options.NoticeEvery, deployer.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                deployer.Report(
                    plan,
                    phase,
                    DeployEventKind.Progress,
                    $"still {phase.ToString().ToLowerInvariant()} after {Polling.Format(deployer.Time.GetElapsedTime(started))}"
                );
        }
        catch (OperationCanceledException) { }
    }

    private void Retrying(DeployPhase phase, string message) => deployer.Report(plan, phase, DeployEventKind.Progress, Redact(message));

    private DeployOutcome Outcome(DeployOutcomeKind result, string? error, DeployPhase? failed) =>
        new()
        {
            Service = plan.Name,
            Ctid = Ctid,
            Ip = plan.Desired.Ip,
            Action = plan.Action,
            Result = result,
            Error = error,
            FailedPhase = failed,
            PhaseTimes = _times,
        };
}
