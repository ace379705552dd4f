using System.ComponentModel;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Lifecycle;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge destroy SERVICE…</c>: removes the services' containers (<see cref="DestroyWorkflow"/>) — only ones
/// LxcForge owns, never a protected one, and only after confirmation (or <c>--yes</c>). Backups stay on the backup storage.
/// </summary>
public sealed class DestroyCommand(CliConsole io) : WorkflowCommand<DestroyCommand.Settings>(io)
{
    public sealed class Settings : HostSettings
    {
        [CommandArgument(0, "<SERVICE>")]
        [Description("Services to remove (a service name removes its replicas too; NAME-N removes one replica)")]
        public string[] Services { get; init; } = [];
    }

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        ServiceSelection.Instances(spec.Spec, settings.Services, all: false);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var instances = ServiceSelection.Instances(Spec.Spec, settings.Services, all: false);
        bool Ask(string question) => Confirm(settings, question);
        var result = await new DestroyWorkflow(Workflow())
        {
            Confirm = targets =>
                Ask($"Destroy {string.Join(", ", targets.Select(t => $"{t.Name} (CT {t.Ctid})"))}? Their disks are deleted; backups are kept."),
        }.RunAsync(Spec.Spec, instances, cancellationToken);
        if (!result.Confirmed)
            throw new CliException("not confirmed; nothing destroyed (give --yes to skip the question)");
        var code = result.Refused.Count == 0 ? ExitCodes.Ok : ExitCodes.StepFailed;
        if (result.Destroyed.Count == 0)
        {
            Output.Line(result.Refused.Count == 0 ? "nothing to destroy" : "nothing destroyed");
            return code;
        }

        var destroyed = result.Destroyed.Select(d => new { Service = d.Name, d.Ctid }).ToList();
        Output.Result(new { Destroyed = destroyed, result.Refused }, o => o.Line($"destroyed {destroyed.Count} container(s)"));
        return code;
    }
}
