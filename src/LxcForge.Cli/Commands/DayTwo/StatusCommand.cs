using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Status;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary><c>lxcforge status</c>: one table — service, CTID, node, IP, state, health, drift from the spec, last backup.</summary>
public sealed class StatusCommand(CliConsole io) : HostCommand<StatusCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--no-health")]
        [Description("Skip the health checks (they run inside each running container)")]
        public bool NoHealth { get; init; }
    }

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        Only(settings, spec);
        return spec;
    }

    private static List<string>? Only(Settings settings, LoadedSpec spec) =>
        settings.Services.Length == 0 ? null : ServiceSelection.Instances(spec.Spec, settings.Services, all: false).Select(i => i.Name).ToList();

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var only = Only(settings, spec);
        var rows = await new FleetStatusReader(Host, State).ReadAsync(spec.Spec, checkHealth: !settings.NoHealth, only, cancellationToken);
        Output.Result(rows, o =>
        {
            o.Table(
                ["Service", "CTID", "Node", "IP", "State", "Health", "Drift", "Last backup"],
                rows.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Service,
                            r.Ctid.ToString(CultureInfo.InvariantCulture),
                            r.Node ?? "-",
                            r.Ip,
                            r.State,
                            r.Health,
                            r.Drift.Count == 0 ? "none" : string.Join("; ", r.Drift),
                            r.LastBackup is { } b ? b.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never",
                        ]
                )
            );
            var unhealthy = rows.Count(r => r.State != "running" || (!settings.NoHealth && !r.Healthy) || r.Drift.Count > 0);
            o.Line(
                unhealthy == 0
                    ? $"{rows.Count} service(s) running, healthy and as the spec says"
                    : $"{unhealthy} of {rows.Count} service(s) need attention (lxcforge plan shows what deploy would change)"
            );
        });
        return rows.All(r => r.State == "running" && (settings.NoHealth || r.Healthy) && r.Drift.Count == 0) ? ExitCodes.Ok : ExitCodes.StepFailed;
    }
}
