using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;
using LxcForge.Core.Planning;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>
/// How the CLI follows a deploy Core runs: the plan Terraform-style on stderr before anything changes (text
/// mode, only when there is something to do), then live progress (<see cref="DeployProgress"/>).
/// </summary>
internal sealed class CliDeployWatcher(CliConsole io, string host) : IDeployWatcher
{
    public void Planned(DeployPlan plan)
    {
        if (io.Mode == OutputMode.Json || !(plan.HasChanges || plan.HasErrors))
            return;
        PlanRenderer.Text(new CliOutput(new CliConsole(io.Error, io.Error, io.WorkingDirectory) { Mode = io.Mode }), plan, host);
        io.Error.Profile.Out.Writer.WriteLine();
    }

    public Task<DeployResult> WatchAsync(Deployer deployer, DeployPlan plan, Func<Task<DeployResult>> deploy) =>
        new DeployProgress(io, plan).ShowAsync(deployer, deploy);
}
