using LxcForge.Core.Checks;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;
using LxcForge.Core.Status;
using LxcForge.Core.Templates;

namespace LxcForge.Core.Recovery;

/// <summary>One stage of a rebuild and how long it took.</summary>
public sealed record RebuildStage(string Name, bool Ok, TimeSpan Duration, string Detail);

public sealed record RebuildReport(IReadOnlyList<RebuildStage> Stages, IReadOnlyList<InstanceStatus> Status)
{
    public bool Ok => Stages.All(s => s.Ok);
}

/// <summary>
/// "Complete system loss" (docs/fleet-design.md#disaster-recovery): check the host, build the missing templates, deploy, restore the
/// newest backup of every service that had to be created anew, check. Resumable: which containers still
/// wait for their data is journalled before the deploy creates them, so a run killed half-way and started
/// again restores exactly those, from the archive chosen the first time, and nothing twice.
/// </summary>
public sealed class Rebuild(IContainerHost host, HostState hostState, TimeProvider time)
{
    private readonly StateStore _state = hostState.Store;
    private readonly string _hostKey = hostState.Identity;

    private const string RestoreStep = "rebuild-restore";

    public TemplateBuilder? Templates { get; init; }
    public DeployOptions DeployOptions { get; init; } = new();
    public Action<string>? Log { get; init; }

    /// <summary>The whole rebuild holds the host's lock (<see cref="Locking.HostLockGuard"/>); the deploys and restores inside take it with it.</summary>
    public Task<RebuildReport> RunAsync(FleetSpec fleet, CancellationToken cancellationToken = default) =>
        Locking.HostLockGuard.RunAsync(
            host,
            "rebuild",
            time,
            _ => RunHoldingLockAsync(fleet, cancellationToken),
            DeployOptions.HostLock,
            Log,
            cancellationToken
        );

    private async Task<RebuildReport> RunHoldingLockAsync(FleetSpec fleet, CancellationToken cancellationToken)
    {
        var stages = new List<RebuildStage>();
        async Task<bool> Stage(string name, Func<Task<(bool Ok, string Detail)>> body)
        {
            var started = time.GetTimestamp();
            Log?.Invoke($"rebuild: {name}…");
            var (ok, detail) = await body();
            stages.Add(new RebuildStage(name, ok, time.GetElapsedTime(started), detail));
            Log?.Invoke($"rebuild: {name}: {(ok ? "ok" : "FAILED")} {detail}");
            return ok;
        }

        var reachable = await Stage("check", async () =>
        {
            var report = await new EnvironmentCheck(host, fleet).RunAsync(cancellationToken);
            var failed = report.Checks.Where(c => c.Status == CheckStatus.Fail).Select(c => $"{c.Name}: {c.Detail}").ToList();
            return (!report.HostUnreachable, failed.Count == 0 ? "host ready" : string.Join("; ", failed));
        });
        if (!reachable)
            return new RebuildReport(stages, []);

        await Stage("templates", async () =>
        {
            if (Templates is null)
            {
                var missing = new List<string>();
                foreach (var t in fleet.Templates)
                {
                    if (await host.GetContainerAsync(t.Ctid, cancellationToken) is not { IsTemplate: true })
                        missing.Add(t.Name);
                }

                return (
                    missing.Count == 0,
                    missing.Count == 0 ? "all templates exist" : $"missing and no way to build them here: {string.Join(", ", missing)}"
                );
            }

            var results = new List<TemplateBuildResult>();
            foreach (var template in fleet.Templates)
                results.Add(await Templates.BuildAsync(fleet, template, force: false, cancellationToken));
            var failed = results.Where(r => r.Outcome == TemplateBuildOutcome.Failed).ToList();
            return (
                failed.Count == 0,
                $"{results.Count(r => r.Outcome == TemplateBuildOutcome.Built)} built, {results.Count(r => r.Outcome == TemplateBuildOutcome.Skipped)} kept"
                    + (failed.Count > 0 ? "; failed: " + string.Join(", ", failed.Select(f => $"{f.Template} ({f.Step}: {f.Message})")) : "")
            );
        });

        var restore = new RestoreService(host) { Log = Log };
        var instances = FleetInstances.Expand(fleet);
        await Stage("deploy", async () =>
        {
            // Before anything is created: which instances are missing and have a backup to come back from.
            var run = _state.StartRun(_hostKey, "rebuild");
            var existing = await host.GetContainersAsync([.. instances.Select(i => i.Ctid)], cancellationToken);
            foreach (var instance in instances.Where(i => !existing.ContainsKey(i.Ctid)))
            {
                if (await restore.NewestAsync(fleet, instance.Ctid, cancellationToken) is { } newest)
                    _state.Record(run, _hostKey, instance.Name, instance.Ctid, RestoreStep, "pending", newest.VolumeId);
            }

            var deployer = new Deployer(host, hostState, time, DeployOptions);
            var result = await deployer.RunAsync(fleet, await deployer.PlanAsync(fleet, null, cancellationToken), "rebuild", cancellationToken);
            _state.FinishRun(run, result.Succeeded ? "ok" : "failed");
            var failed = result.Outcomes.Where(o => o.Result == DeployOutcomeKind.Failed).ToList();
            return (
                failed.Count == 0,
                $"{result.Outcomes.Count - failed.Count} of {result.Outcomes.Count} services deployed"
                    + (failed.Count > 0 ? "; failed: " + string.Join(", ", failed.Select(f => $"{f.Service} ({f.FailedPhase}: {f.Error})")) : "")
            );
        });

        await Stage("restore", async () =>
        {
            var restored = new List<DesiredContainer>();
            var failed = new List<string>();
            foreach (var (instance, archive) in instances.Select(i => (i, PendingArchive(i.Ctid))).Where(p => p.Item2 is not null))
            {
                try
                {
                    var run = _state.StartRun(_hostKey, "rebuild-restore");
                    await restore.RestoreAsync(fleet, instance.Ctid, instance.Ctid, archive, force: true, instance.Node, cancellationToken);
                    // The restore gives the container a new MAC (unique), so its configured mark no longer counts: configured again below.
                    _state.Record(run, _hostKey, instance.Name, instance.Ctid, RestoreStep, "done", archive);
                    _state.FinishRun(run, "ok");
                    restored.Add(instance);
                }
                catch (HostException e)
                {
                    failed.Add($"{instance.Name}: {e.Message}");
                }
            }

            if (restored.Count > 0)
            {
                // Re-apply the spec (network, resources, the service's configuration) and start what was restored.
                var deployer = new Deployer(host, hostState, time, DeployOptions);
                var result = await deployer.RunAsync(
                    fleet,
                    await deployer.PlanAsync(fleet, [.. restored.Select(i => i.Name)], cancellationToken),
                    "rebuild-reapply",
                    cancellationToken
                );
                failed.AddRange(
                    result
                        .Outcomes.Where(o => o.Result == DeployOutcomeKind.Failed)
                        .Select(o => $"{o.Service}: re-applying the spec after the restore failed ({o.FailedPhase}: {o.Error})")
                );
            }

            return (
                failed.Count == 0,
                restored.Count == 0 && failed.Count == 0
                    ? "nothing to restore"
                    : $"restored {string.Join(", ", restored.Select(i => i.Name))}" + (failed.Count > 0 ? "; failed: " + string.Join("; ", failed) : "")
            );
        });

        IReadOnlyList<InstanceStatus> status = [];
        await Stage("health", async () =>
        {
            status = await new FleetStatusReader(host, hostState).ReadAsync(fleet, checkHealth: true, null, cancellationToken);
            var unhealthy = status.Where(s => !s.Healthy).Select(s => $"{s.Service}: {s.Health}").ToList();
            return (unhealthy.Count == 0, unhealthy.Count == 0 ? $"{status.Count} healthy" : string.Join("; ", unhealthy));
        });
        return new RebuildReport(stages, status);
    }

    /// <summary>The archive a container was journalled to wait for, while it is not restored yet; else null.</summary>
    private string? PendingArchive(int ctid) =>
        _state.Journal(_hostKey, ctid).LastOrDefault(e => e.Step == RestoreStep) is { Status: "pending" } last ? last.Detail : null;
}
