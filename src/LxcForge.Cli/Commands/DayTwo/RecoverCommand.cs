using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Recovery;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge recover SERVICE</c>: the fleet design's "container failure" (<see cref="RecoverWorkflow"/>). With a backup:
/// restore the newest one over the failed container (which is saved first). Without one: remove the failed
/// container and clone the template again. Either way the spec is applied again and the service checked.
/// </summary>
public sealed class RecoverCommand(CliConsole io) : WorkflowCommand<PlanSettings>(io)
{
    protected override LoadedSpec Prepare(PlanSettings settings, LoadedSpec spec)
    {
        if (settings.Services.Length != 1)
            throw new CliException("name exactly one service (or replica NAME-N) to recover");
        ServiceSelection.Instances(spec.Spec, settings.Services, all: false);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var instance = ServiceSelection.Instances(Spec.Spec, settings.Services, all: false)[0];
        bool Ask(string question) => Confirm(settings, question);
        var result = await new RecoverWorkflow(Workflow())
        {
            ConfirmReclone = c => Ask($"{c.Name} has no backup: remove CT {c.Ctid} and clone its template again (its data is lost)?"),
        }.RunAsync(Spec.Spec, instance, $"recover {instance.Name}", cancellationToken);
        if (result.Problem is { } problem)
            throw new CliException(problem);
        if (result.Deploy is not { } deploy)
            throw new CliException("not confirmed; nothing was changed");
        return Summarise(deploy);
    }
}
