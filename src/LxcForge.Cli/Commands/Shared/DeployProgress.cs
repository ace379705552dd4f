using System.Collections.Concurrent;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;
using LxcForge.Core.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>
/// Shows a deploy's progress: on a terminal a live table (one row per service: phase, state, last detail) on
/// stderr; otherwise one plain line per event. Events arrive from several threads at once.
/// </summary>
internal sealed class DeployProgress(CliConsole io, DeployPlan plan)
{
    private readonly ConcurrentDictionary<string, (DeployPhase Phase, DeployEventKind Kind, string Message)> _rows = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Lock _write = new();

    /// <summary>Runs <paramref name="deploy"/> with <paramref name="deployer"/>'s events shown.</summary>
    public async Task<DeployResult> ShowAsync(Deployer deployer, Func<Task<DeployResult>> deploy)
    {
        if (io.Mode == OutputMode.Json)
            return await deploy();
        if (!io.CanShowProgress)
        {
            deployer.Progress += Line;
            try
            {
                return await deploy();
            }
            finally
            {
                deployer.Progress -= Line;
            }
        }

        DeployResult? result = null;
        await io
            .Error.Live(Table())
            .AutoClear(false)
            .StartAsync(async ctx =>
            {
                void Update(DeployEvent e)
                {
                    _rows[e.Service] = (e.Phase, e.Kind, e.Message);
                    lock (_write)
                    {
                        ctx.UpdateTarget(Table());
                        ctx.Refresh();
                    }
                }

                deployer.Progress += Update;
                try
                {
                    result = await deploy();
                }
                finally
                {
                    deployer.Progress -= Update;
                }
            });
        return result!;
    }

    private void Line(DeployEvent e)
    {
        var elapsed = (DateTimeOffset.UtcNow - _started).TotalSeconds;
        lock (_write)
            io.Error.Profile.Out.Writer.WriteLine($"[{elapsed, 6:0.0}s] {e.Service} (CT {e.Ctid}) {e.Phase.ToString().ToLowerInvariant()}: {Describe(e)}");
    }

    private static string Describe(DeployEvent e) =>
        e.Kind switch
        {
            DeployEventKind.Started => "started",
            DeployEventKind.Succeeded => string.IsNullOrEmpty(e.Message) ? "done" : $"done ({e.Message})",
            DeployEventKind.Failed => $"FAILED: {e.Message}",
            _ => e.Message,
        };

    private Table Table()
    {
        var table = new Table { Border = TableBorder.Rounded }.AddColumns("Service", "CT", "Phase", "State");
        foreach (var item in plan.Items.Where(i => !i.IsNoop && i.Action != PlanAction.Error))
        {
            var (phase, kind, message) = _rows.GetValueOrDefault(item.Name, (DeployPhase.Clone, DeployEventKind.Progress, "waiting"));
            var state = kind switch
            {
                DeployEventKind.Failed => $"[red]failed[/] {Markup.Escape(Short(message))}",
                DeployEventKind.Succeeded when phase == DeployPhase.Check => "[green]healthy[/]",
                DeployEventKind.Started => "[yellow]…[/]",
                _ => Markup.Escape(Short(message)),
            };
            table.AddRow(
                new IRenderable[]
                {
                    new Text(item.Name),
                    new Text(item.Ctid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(phase.ToString().ToLowerInvariant()),
                    new Markup(state),
                }
            );
        }

        return table;
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
