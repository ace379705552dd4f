using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge plan [SERVICE…]</c>: what deploy would do, per container, without changing anything.
/// Exit 0 when the plan has no errors, 1 when a service cannot be deployed (a foreign container at its CTID,
/// a missing template).
/// </summary>
public sealed class PlanCommand(CliConsole io) : LxcForgeCommand<PlanSettings>(io)
{
    protected override async Task<int> RunAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var spec = LoadSpec(settings);
        await using var session = await DeploySession.OpenAsync(Io, Output, spec.Spec, settings, requireSelection: false, parallel: null, cancellationToken);
        var plan = await session.Deployer.PlanAsync(spec.Spec, session.Only, cancellationToken);
        var host = DeploySession.StateKey(Io, settings.Host);
        Output.Result(PlanRenderer.Json(plan, host), o => PlanRenderer.Text(o, plan, host));
        return plan.HasErrors ? ExitCodes.StepFailed : ExitCodes.Ok;
    }
}
