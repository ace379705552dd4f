using System.Globalization;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>The table a deploy ends with: service, CTID, IP, result and the time of each phase; or JSON.</summary>
internal static class DeploySummary
{
    private static readonly DeployPhase[] Phases =
    [
        DeployPhase.Clone,
        DeployPhase.Config,
        DeployPhase.Start,
        DeployPhase.Ready,
        DeployPhase.Configure,
        DeployPhase.Check,
    ];

    public static void Text(CliOutput o, DeployResult result, string host)
    {
        if (result.ChangedNothing)
        {
            o.Line($"No changes: the {result.Outcomes.Count} containers on {host} already match the spec.");
            return;
        }

        o.Table(
            ["Service", "CT", "IP", "Result", .. Phases.Select(p => p.ToString().ToLowerInvariant()), "total"],
            result.Outcomes.Select(r =>
                (IReadOnlyList<string>)
                    [
                        r.Service,
                        r.Ctid.ToString(CultureInfo.InvariantCulture),
                        r.Ip,
                        Label(r),
                        .. Phases.Select(p => r.PhaseTimes.TryGetValue(p, out var t) ? Seconds(t) : "-"),
                        r.Total > TimeSpan.Zero ? Seconds(r.Total) : "-",
                    ]
            )
        );
        foreach (var failed in result.Outcomes.Where(r => r.Result == DeployOutcomeKind.Failed))
            o.Line($"{failed.Service} (CT {failed.Ctid}): {failed.Error}");
        var bad = result.Outcomes.Count(r => r.Result == DeployOutcomeKind.Failed);
        var done = result.Outcomes.Count(r => r.Result == DeployOutcomeKind.Done);
        o.Line(
            $"{done} deployed, {bad} failed, {result.Outcomes.Count - done - bad} unchanged in {Seconds(result.Elapsed)} (parallel {result.Parallel}) on {host}"
        );
    }

    public static object Json(DeployResult result, string host) =>
        new
        {
            Host = host,
            result.Succeeded,
            result.ChangedNothing,
            result.Parallel,
            ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 2),
            Services = result.Outcomes.Select(r => new
            {
                r.Service,
                r.Ctid,
                r.Ip,
                r.Action,
                r.Result,
                r.Error,
                PhaseSeconds = r.PhaseTimes.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => Math.Round(p.Value.TotalSeconds, 2)),
            }),
        };

    private static string Label(DeployOutcome r) =>
        r.Result switch
        {
            DeployOutcomeKind.Done => r.Action.ToString().ToLowerInvariant() switch
            {
                "create" => "created",
                "update" => "updated",
                "start" => "started",
                "configure" => "configured",
                _ => "done",
            },
            DeployOutcomeKind.Failed => r.FailedPhase is { } p ? $"FAILED ({p.ToString().ToLowerInvariant()})" : "FAILED (plan)",
            _ => "unchanged",
        };

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
