using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge plan [SERVICE…]</c>: what deploy would do, per container, without changing anything.
/// Exit 0 when the plan has no errors, 1 when a service cannot be deployed (a foreign container at its CTID,
/// a missing template).
/// </summary>
public sealed class PlanCommand(CliConsole io) : HostCommand<PlanSettings>(io)
{
    protected override LoadedSpec Prepare(PlanSettings settings, LoadedSpec spec)
    {
        if (!settings.All && settings.Services.Length > 0)
            DayTwo.ServiceSelection.Instances(spec.Spec, settings.Services, all: false);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var session = DeploySession.Create(Session, Spec.Spec, settings.Services, settings.All, requireSelection: false);
        var plan = await session.Deployer.PlanAsync(Spec.Spec, session.Only, cancellationToken);
        var host = Session.DisplayName;
        Output.Result(PlanRenderer.Json(plan, host), o => PlanRenderer.Text(o, plan, host));
        return plan.HasErrors ? ExitCodes.StepFailed : ExitCodes.Ok;
    }
}
