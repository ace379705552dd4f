using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge deploy SERVICE…|--all [--parallel N]</c>: plans, then clones, configures, starts, waits until
/// ready, configures and checks each service; ends with a summary table. Exit 1 if any service failed.
/// </summary>
public sealed class DeployCommand(CliConsole io) : HostCommand<DeploySettings>(io)
{
    protected override LoadedSpec Prepare(DeploySettings settings, LoadedSpec spec)
    {
        if (settings.All && settings.Services.Length > 0)
            throw new CliException("give service names or --all, not both");
        if (settings.Parallel is < 1)
            throw new CliException($"--parallel {settings.Parallel}: must be 1 or more");
        DayTwo.ServiceSelection.Instances(spec.Spec, settings.Services, settings.All);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var session = DeploySession.Create(Session, Spec.Spec, settings.Services, settings.All, requireSelection: true, settings.Parallel);
        return await RunPlanAsync(Io, Output, session, Spec.Spec, "deploy " + (settings.All ? "--all" : string.Join(' ', settings.Services)), cancellationToken);
    }

    /// <summary>Plans, shows the plan, deploys with progress, prints the summary; the exit code (shared with demo and the day-two commands).</summary>
    internal static async Task<int> RunPlanAsync(CliConsole io, CliOutput output, DeploySession session, Core.Spec.FleetSpec spec, string command, CancellationToken cancellationToken)
    {
        var host = session.Host.DisplayName;
        var plan = await session.Deployer.PlanAsync(spec, session.Only, cancellationToken);
        if (!output.IsJson && (plan.HasChanges || plan.HasErrors))
        {
            PlanRenderer.Text(new CliOutput(new CliConsole(io.Error, io.Error, io.WorkingDirectory) { Mode = io.Mode }), plan, host);
            io.Error.Profile.Out.Writer.WriteLine();
        }

        var result = await new DeployProgress(io, plan).ShowAsync(session.Deployer, () => session.Deployer.RunAsync(spec, plan, command, cancellationToken));
        output.Result(DeploySummary.Json(result, host), o => DeploySummary.Text(o, result, host));
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.StepFailed;
    }
}
