using System.ComponentModel;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec.Validation;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge restore SERVICE [--backup ID] [--as CTID --ip ADDR] [--force]</c>: a backup back into the
/// service's CTID (stopped, or with <c>--force</c>; never over a container LxcForge does not own; the old
/// container is backed up first and put back if the restore fails) or into a new CTID; then the spec's
/// network, hostname and settings are applied again (<see cref="RestoreWorkflow"/>), started and checked.
/// </summary>
public sealed class RestoreCommand(CliConsole io) : WorkflowCommand<RestoreCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--backup <VOLID>")]
        [Description("The archive to restore (default: the service's newest, see `lxcforge backups list`)")]
        public string? Backup { get; init; }

        [CommandOption("--as <CTID>")]
        [Description("Restore a copy into this new CTID instead (give it its own --ip)")]
        public int? As { get; init; }

        [CommandOption("--ip <ADDR>")]
        [Description("With --as: the copy's address in the fleet subnet")]
        public string? Ip { get; init; }

        [CommandOption("--force")]
        [Description("Restore over the service even while it runs (it is stopped, backed up, then replaced)")]
        public bool Force { get; init; }
    }

    /// <summary>The arguments, and with <c>--as</c> whether the copy fits the spec, are checked before connecting.</summary>
    protected override LoadedSpec Prepare(Settings settings, LoadedSpec loaded)
    {
        if (settings.Services.Length != 1)
            throw new CliException("name exactly one service (or replica NAME-N) to restore");
        if (settings.As is not null && settings.Ip is null)
            throw new CliException("--as CTID needs --ip ADDR: the copy must not take the service's own address");
        var instance = ServiceSelection.Instances(loaded.Spec, settings.Services, all: false)[0];
        if (Copy(settings) is { } copy && RestoreWorkflow.CopyProblems(loaded.Spec, instance, copy) is { Count: > 0 } problems)
            throw CopyRefused(problems);
        return loaded;
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var instance = ServiceSelection.Instances(Spec.Spec, settings.Services, all: false)[0];
        var result = await new RestoreWorkflow(Workflow()).RunAsync(Spec.Spec, instance, settings.Backup, settings.Force, Copy(settings), cancellationToken);
        if (result.CopyProblems.Count > 0)
            throw CopyRefused(result.CopyProblems);
        if (result.Problem is { } problem)
            throw new CliException(problem);
        return Summarise(result.Deploy!);
    }

    private static RestoreCopy? Copy(Settings settings) => settings.As is { } ctid ? new RestoreCopy(ctid, settings.Ip!) : null;

    private static CliException CopyRefused(IReadOnlyList<SpecProblem> problems) =>
        new(string.Join("; ", problems.Select(p => $"--as/--ip: {p.Path}: {p.Message}")) + "; nothing was changed");
}
