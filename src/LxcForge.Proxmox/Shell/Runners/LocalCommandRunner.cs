using LxcForge.Processes;

namespace LxcForge.Proxmox.Shell.Runners;

/// <summary>Runs commands as child processes of this one: the <c>--host local</c> case (LxcForge on the Proxmox node itself).</summary>
/// <remarks>A thin adapter over <see cref="ProcessRunner"/>, whose missing-program answer (exit 127, "PROG: command not found") is what a shell gives over SSH too.</remarks>
public sealed class LocalCommandRunner : ICommandRunner
{
    /// <param name="extraPath">Directories put in front of <c>PATH</c> for every command (tests put the simulator's shims there).</param>
    public LocalCommandRunner(string? extraPath = null) => _extraPath = extraPath;

    /// <summary>
    /// A daemon the command starts (lxc-start's monitor, pct start) may keep the output pipe open: read it this long after exit.
    /// Generous, because a short grace cut the output of ordinary commands (pvesh's JSON) on a loaded machine.
    /// </summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);

    private readonly string? _extraPath;

    public string Description => "local";

    public async Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest(command.Program, command.Arguments)
            {
                StandardInput = command.StandardInput,
                Environment = command.Environment,
                ExtraPath = _extraPath,
                Timeout = command.Timeout,
                DrainGrace = DrainGrace,
            },
            cancellationToken
        );
        return new CommandOutput(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
