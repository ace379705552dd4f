using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge plan [SERVICE…]</c>: what deploy would do, per container, without changing anything.
/// Exit 0 when the plan has no errors, 1 when a service cannot be deployed (a foreign container at its CTID,
/// a missing template).
/// </summary>
public sealed class PlanCommand(CliConsole io) : WorkflowCommand<PlanSettings>(io)
{
    protected override LoadedSpec Prepare(PlanSettings settings, LoadedSpec spec)
    {
        if (!settings.All && settings.Services.Length > 0)
            ServiceSelection.Instances(spec.Spec, settings.Services, all: false);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var only = settings.All || settings.Services.Length == 0 ? [] : ServiceSelection.Names(Spec.Spec, settings.Services);
        var plan = await new DeployWorkflow(Workflow()).PlanAsync(Spec.Spec, only, cancellationToken);
        var host = Session.DisplayName;
        Output.Result(PlanRenderer.Json(plan, host), o => PlanRenderer.Text(o, plan, host));
        return plan.HasErrors ? ExitCodes.StepFailed : ExitCodes.Ok;
    }
}
