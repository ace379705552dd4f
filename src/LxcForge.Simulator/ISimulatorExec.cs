namespace LxcForge.Simulator;

/// <summary>
/// What Proxmox's REST API does not offer: running a command inside a container (<c>pct exec</c>,
/// <c>lxc-attach</c>). The simulator runs it in the container's sandbox root and records it.
/// </summary>
public interface ISimulatorExec
{
    /// <summary>Runs <paramref name="command"/> in container <paramref name="vmid"/>; fails like pct when it is not running.</summary>
    Task<SimExecResult> ExecAsync(
        int vmid,
        IReadOnlyList<string> command,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default
    );

    /// <summary>Every command run so far in <paramref name="vmid"/>, oldest first (tests assert on it).</summary>
    IReadOnlyList<ExecRecord> ExecHistory(int vmid);
}

public sealed record SimExecResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>A recorded exec: the command, its stdin and environment, and how it ended.</summary>
/// <remarks>Stdin carries secrets: it is kept in memory for the run's tests and never written to a saved state.</remarks>
public sealed record ExecRecord(
    int Vmid,
    IReadOnlyList<string> Command,
    [property: System.Text.Json.Serialization.JsonIgnore] string? StandardInput,
    IReadOnlyDictionary<string, string> Environment,
    int ExitCode,
    DateTimeOffset At
);
