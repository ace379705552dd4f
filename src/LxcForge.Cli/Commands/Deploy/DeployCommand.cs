using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Planning;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge deploy SERVICE…|--all [--parallel N]</c>: plans, then clones, configures, starts, waits until
/// ready, configures and checks each service; ends with a summary table. Exit 1 if any service failed.
/// </summary>
public sealed class DeployCommand(CliConsole io) : LxcForgeCommand<DeploySettings>(io)
{
    protected override async Task<int> RunAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var spec = LoadSpec(settings);
        if (settings.All && settings.Services.Length > 0)
            throw new CliException("give service names or --all, not both");
        await using var session = await DeploySession.OpenAsync(Io, Output, spec.Spec, settings, requireSelection: true, settings.Parallel, cancellationToken);
        var host = DeploySession.StateKey(Io, settings.Host);
        return await RunPlanAsync(Io, Output, session, spec.Spec, host, "deploy " + (settings.All ? "--all" : string.Join(' ', settings.Services)), cancellationToken);
    }

    /// <summary>Plans, shows the plan, deploys with progress, prints the summary; the exit code (shared with demo).</summary>
    internal static async Task<int> RunPlanAsync(CliConsole io, CliOutput output, DeploySession session, Core.Spec.FleetSpec spec, string host, string command, CancellationToken cancellationToken)
    {
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
