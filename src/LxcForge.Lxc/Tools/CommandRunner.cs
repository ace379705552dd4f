using LxcForge.Core.Hosting;
using LxcForge.Processes;

namespace LxcForge.Lxc.Tools;

/// <summary>
/// Runs host commands (lxc-*, tar, debootstrap…) with stdin, a controlled environment and a timeout.
/// Arguments never carry secrets: those go on stdin. An optional prefix (e.g. <c>nsenter --net=… --</c>)
/// runs the LXC tools inside another network/mount namespace. Processes start through <see cref="ProcessRunner"/>:
/// a missing program is exit 127 with "PROG: command not found", not an exception.
/// </summary>
public sealed class CommandRunner
{
    /// <summary>A daemon the command starts (lxc-start's monitor, pct start) may keep the output pipe open: read it this long after exit.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<string> _prefix;

    public CommandRunner(IReadOnlyList<string>? prefix = null) => _prefix = prefix ?? [];

    /// <summary>Runs <paramref name="command"/> (inside the namespace prefix when <paramref name="inNamespace"/>).</summary>
    public async Task<CommandResult> RunAsync(
        IReadOnlyList<string> command,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool inNamespace = true
    )
    {
        var argv = inNamespace ? [.. _prefix, .. command] : command.ToList();
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest(argv[0], argv.Skip(1).ToList())
            {
                StandardInput = standardInput,
                Environment = environment,
                ReplaceEnvironment = environment is not null,
                Timeout = timeout,
                DrainGrace = DrainGrace,
            },
            cancellationToken
        );
        return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Runs and throws <see cref="HostErrorKind.TaskFailed"/> with the output's tail when the exit code is not 0.</summary>
    public async Task<CommandResult> RunCheckedAsync(
        IReadOnlyList<string> command,
        TimeSpan timeout,
        string failure,
        CancellationToken cancellationToken,
        string? standardInput = null,
        bool inNamespace = true,
        int? vmid = null
    )
    {
        var result = await RunAsync(command, timeout, cancellationToken, standardInput, inNamespace: inNamespace);
        if (!result.Succeeded)
            throw new HostException(HostErrorKind.TaskFailed, $"{failure}: {string.Join(" / ", result.Tail(3))}") { Vmid = vmid, LogTail = result.Tail() };
        return result;
    }

    /// <summary>The command's program and flags for messages (never values that may be secret: only argv, which holds none).</summary>
    public static string Describe(IReadOnlyList<string> command) => string.Join(' ', command.Take(4));
}
