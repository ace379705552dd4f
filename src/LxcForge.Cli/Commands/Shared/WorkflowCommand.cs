using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>
/// Base of the verbs that run one of Core's fleet workflows (deploy, scale, destroy, recover, restore, resize,
/// demo): the workflow reports through <see cref="Workflow"/>'s callbacks, the command renders its result.
/// </summary>
public abstract class WorkflowCommand<TSettings>(CliConsole io) : HostCommand<TSettings>(io)
    where TSettings : HostSettings
{
    /// <summary>This host, its state and the clock, with progress as notes, refusals on stderr and deploys shown live.</summary>
    protected WorkflowContext Workflow(int? parallel = null) =>
        new(Host, State, TimeProvider.System)
        {
            DeployOptions = new DeployOptions { Parallel = parallel },
            Watcher = new CliDeployWatcher(Io, Session.DisplayName),
            Log = Output.Note,
            Warn = Output.ErrorLine,
        };

    /// <summary>Prints the deploy's summary table (or JSON); the exit code: 0 when every service succeeded.</summary>
    protected int Summarise(DeployResult result)
    {
        var host = Session.DisplayName;
        Output.Result(DeploySummary.Json(result, host), o => DeploySummary.Text(o, result, host));
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.StepFailed;
    }
}
