using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Scaling;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge scale SERVICE --replicas N</c>: horizontal scaling (docs/fleet-design.md#scaling). Updates <c>replicas.count</c> in
/// the spec and applies it (<see cref="ScaleWorkflow"/>): new replicas are cloned with their own CTID and IP;
/// scaling down removes only LxcForge's own replicas, newest first, each backed up first unless <c>--no-backup</c>.
/// </summary>
public sealed class ScaleCommand(CliConsole io) : WorkflowCommand<ScaleCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--replicas <N>")]
        [Description("How many replicas besides the primary")]
        public int? Replicas { get; init; }

        [CommandOption("--no-backup")]
        [Description("Remove surplus replicas without backing them up first")]
        public bool NoBackup { get; init; }
    }

    private LoadedSpec? _before;

    /// <summary>Checks the new count and writes it to the spec (before connecting, as the spec is the source of truth).</summary>
    protected override LoadedSpec Prepare(Settings settings, LoadedSpec loaded)
    {
        if (settings.Services.Length != 1 || settings.Replicas is not { } count)
            throw new CliException("usage: lxcforge scale SERVICE --replicas N");
        var name = settings.Services[0];
        if (ScaleWorkflow.Problem(loaded.Spec, name, count) is { } problem)
            throw new CliException(problem);
        _before = loaded;
        return SpecFile.Set(Io, Output, loaded, name, ("replicas.count", count.ToString(CultureInfo.InvariantCulture)));
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var name = settings.Services[0];
        bool Ask(string question) => Confirm(settings, question);
        var result = await new ScaleWorkflow(Workflow())
        {
            Confirm = removable =>
                Ask(
                    $"Remove {string.Join(", ", removable.Select(r => $"{r.Name} (CT {r.Ctid})"))}{(settings.NoBackup ? " WITHOUT a backup" : " after a backup")}?"
                ),
        }.RunAsync(_before!.Spec, Spec.Spec, name, backUp: !settings.NoBackup, $"scale {name} --replicas {settings.Replicas}", cancellationToken);
        if (result.Deploy is not { } deploy)
            throw new CliException("not confirmed; the spec says the new count but nothing was removed");
        return Summarise(deploy);
    }
}
