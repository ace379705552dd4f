using System.Globalization;
using LxcForge.Cli.Commands.Templates;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Recovery;
using LxcForge.Core.Templates;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge rebuild</c>: "complete system loss" (docs/fleet-design.md#disaster-recovery) on a reinstalled host — check, build the missing
/// templates, deploy, restore the newest backup of every service created anew, check. Resumable; ends with a
/// summary and the time each stage took.
/// </summary>
public sealed class RebuildCommand(CliConsole io) : HostCommand<HostSettings>(io)
{
    protected override async Task<int> RunOnHostAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        var loaded = Spec;
        var builder = new TemplateBuilder(Host, Connection.NodeShell, TemplateScripts.Supply(Connection, loaded, Io, Output.Detail), TimeProvider.System)
        {
            Log = Output.Detail,
        };
        var report = await new Rebuild(Host, State, TimeProvider.System) { Templates = builder, Log = Output.Note }.RunAsync(loaded.Spec, cancellationToken);
        Output.Result(report, o =>
        {
            o.Table(
                ["Stage", "Result", "Time", "Detail"],
                report.Stages.Select(s =>
                    (IReadOnlyList<string>)
                        [s.Name, s.Ok ? "ok" : "FAILED", $"{s.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s", s.Detail]
                )
            );
            o.Line(
                report.Ok ? "rebuild complete: every service is back and healthy" : "rebuild incomplete: run it again after fixing what failed (it resumes)"
            );
        });
        return report.Ok ? ExitCodes.Ok : ExitCodes.StepFailed;
    }
}
