using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>
/// <c>lxcforge deploy SERVICE…|--all [--parallel N]</c>: plans, then clones, configures, starts, waits until
/// ready, configures and checks each service; ends with a summary table. Exit 1 if any service failed.
/// </summary>
public sealed class DeployCommand(CliConsole io) : WorkflowCommand<DeploySettings>(io)
{
    protected override LoadedSpec Prepare(DeploySettings settings, LoadedSpec spec)
    {
        if (settings.All && settings.Services.Length > 0)
            throw new CliException("give service names or --all, not both");
        if (settings.Parallel is < 1)
            throw new CliException($"--parallel {settings.Parallel}: must be 1 or more");
        ServiceSelection.Instances(spec.Spec, settings.Services, settings.All);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(DeploySettings settings, CancellationToken cancellationToken)
    {
        var only = settings.All ? [] : ServiceSelection.Names(Spec.Spec, settings.Services);
        var command = "deploy " + (settings.All ? "--all" : string.Join(' ', settings.Services));
        return Summarise(await new DeployWorkflow(Workflow(settings.Parallel)).RunAsync(Spec.Spec, only, command, cancellationToken));
    }
}
