using System.ComponentModel;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Templates;

/// <summary>
/// <c>lxcforge templates create [NAME…] [--all] [--force]</c>: Phase 1 of the fleet design (docs/fleet-design.md#phase-1-templates). One template at a
/// time (the community scripts share lock and temp files), a summary table, exit 1 if any failed.
/// </summary>
public sealed class TemplatesCreateCommand(CliConsole io) : HostCommand<TemplatesCreateCommand.Settings>(io)
{
    public sealed class Settings : HostSettings
    {
        [CommandArgument(0, "[NAME]")]
        [Description("Templates to build (names from the spec)")]
        public string[] Names { get; init; } = [];

        [CommandOption("--all")]
        [Description("Build every template in the spec")]
        public bool All { get; init; }

        [CommandOption("--force")]
        [Description("Rebuild templates that already exist (to recover from a corrupted template)")]
        public bool Force { get; init; }

        [CommandOption("--script-timeout <MINUTES>")]
        [Description("How long one script may run before it counts as hung (default 30)")]
        public int ScriptTimeoutMinutes { get; init; } = 30;
    }

    protected override bool UsesState => false;

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        Select(spec.Spec, settings);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var templates = Select(spec.Spec, settings);
        var builder = new TemplateBuilder(Host, Connection.NodeShell, TemplateScripts.Supply(Connection, spec, Io, Output.Note), TimeProvider.System)
        {
            ScriptTimeout = TimeSpan.FromMinutes(settings.ScriptTimeoutMinutes),
            Log = Output.Detail,
        };
        if (templates.Count > 1)
            Output.Note($"building {templates.Count} templates one at a time (community scripts share lock and temp files)");

        var results = new List<TemplateBuildResult>();
        foreach (var template in templates)
        {
            Output.Note($"[{template.Name}] building CT {template.Ctid} on {spec.Spec.Storage.Templates}…");
            var result = await builder.BuildAsync(spec.Spec, template, settings.Force, cancellationToken);
            results.Add(result);
            if (result.Outcome == TemplateBuildOutcome.Failed)
            {
                Output.ErrorLine($"[{template.Name}] FAILED at {result.Step}: {result.Message}");
                foreach (var line in result.LogTail)
                    Output.ErrorLine($"    {line}");
            }
        }

        Output.Result(results, o =>
        {
            o.Table(
                ["Template", "CTID", "Result", "Duration", "Note"],
                results.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Template,
                            r.Ctid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            Label(r.Outcome),
                            $"{r.Duration.TotalSeconds:0.0}s",
                            r.Outcome == TemplateBuildOutcome.Failed ? $"{r.Step}: {r.Message}" : r.Message,
                        ]
                )
            );
            var failed = results.Count(r => r.Outcome == TemplateBuildOutcome.Failed);
            o.Line(failed == 0 ? $"{results.Count} template(s) ready" : $"{failed} of {results.Count} template(s) failed");
        });
        return results.Any(r => r.Outcome == TemplateBuildOutcome.Failed) ? ExitCodes.StepFailed : ExitCodes.Ok;
    }

    private static List<TemplateSpec> Select(FleetSpec spec, Settings settings)
    {
        if (settings.All && settings.Names.Length > 0)
            throw new CliException("give template names or --all, not both");
        if (settings.All)
            return spec.Templates.ToList();
        if (settings.Names.Length == 0)
            throw new CliException("name the templates to build, or give --all");
        return settings
            .Names.Select(n =>
                spec.FindTemplate(n)
                ?? throw new CliException($"no template '{n}' in the spec; templates: {string.Join(", ", spec.Templates.Select(t => t.Name))}")
            )
            .ToList();
    }

    private static string Label(TemplateBuildOutcome outcome) =>
        outcome switch
        {
            TemplateBuildOutcome.Built => "built",
            TemplateBuildOutcome.Skipped => "exists",
            _ => "FAILED",
        };
}
