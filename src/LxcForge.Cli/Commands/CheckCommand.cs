using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Checks;
using Spectre.Console;

namespace LxcForge.Cli.Commands;

/// <summary>
/// <c>lxcforge check</c>: the environment checks (host, version, nodes, storages, bridges, CTID ranges, addresses,
/// privileges) through whichever backend <c>--host</c> names. A pass/fail table (or JSON); exit 1 on any
/// failure, 3 when the host cannot be reached or refuses us.
/// </summary>
public sealed class CheckCommand(CliConsole io) : HostCommand<HostSettings>(io)
{
    protected override bool UsesState => false;

    protected override async Task<int> RunOnHostAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var report = await new EnvironmentCheck(Host, spec.Spec).RunAsync(cancellationToken);
        var failed = report.Checks.Count(c => c.Status == CheckStatus.Fail);
        Output.Result(
            new
            {
                report.Host,
                Spec = spec.DisplayName,
                report.Ok,
                report.HostUnreachable,
                report.Checks,
            },
            o =>
            {
                o.Render(Table(report));
                o.Line(
                    report.Ok
                        ? $"all checks passed for {spec.DisplayName} on {report.Host}"
                        : $"{failed} check{(failed == 1 ? "" : "s")} failed for {spec.DisplayName} on {report.Host}"
                );
            }
        );
        return report.HostUnreachable ? ExitCodes.HostUnreachable
            : report.Ok ? ExitCodes.Ok
            : ExitCodes.StepFailed;
    }

    /// <summary>Name and result never wrap; the detail wraps, so a long explanation stays readable.</summary>
    private Table Table(EnvironmentReport report)
    {
        var table = new Table { Border = Io.Out.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.None }
            .AddColumn(new TableColumn("Check").NoWrap())
            .AddColumn(new TableColumn("Result").NoWrap())
            .AddColumn(new TableColumn("Detail"));
        foreach (var c in report.Checks)
            table.AddRow(new Text(c.Name), new Text(Label(c.Status)), new Text(c.Detail));
        return table;
    }

    private static string Label(CheckStatus status) =>
        status switch
        {
            CheckStatus.Pass => "ok",
            CheckStatus.Warn => "warn",
            CheckStatus.Fail => "FAIL",
            _ => "skipped",
        };
}
