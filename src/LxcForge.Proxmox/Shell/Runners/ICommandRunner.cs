namespace LxcForge.Proxmox.Shell.Runners;

/// <summary>
/// Runs one program with an argument list on a node: locally (a process) or remotely (SSH).
/// Returns whatever the program exited with; transport failures throw <see cref="Core.Hosting.HostException"/>
/// (<c>Unreachable</c>, <c>AuthenticationFailed</c>, <c>Timeout</c>), cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface ICommandRunner : IAsyncDisposable
{
    /// <summary>Where commands run, for logs: <c>local</c> or <c>ssh://root@pve:22</c>. Never contains a secret.</summary>
    string Description { get; }

    Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default);
}

/// <summary>A program and its arguments (never passed through a shell locally; quoted once for the remote shell over SSH).</summary>
/// <remarks>
/// Secrets belong in <see cref="StandardInput"/> only. <see cref="Environment"/> is for non-secret values:
/// over SSH it travels inside the remote shell's command line.
/// </remarks>
public sealed record CommandSpec(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Written to the program's stdin, then stdin is closed. Null closes stdin at once.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Added to the program's environment. Not for secrets.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The command as a person would type it, for messages (arguments only; stdin is never shown).</summary>
    public override string ToString() => string.Join(' ', [Program, .. Arguments.Select(PosixQuoting.QuoteIfNeeded)]);
}

/// <summary>How a command ended.</summary>
public sealed record CommandOutput(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
