namespace LxcForge.Simulator;

/// <summary>
/// The command line of a simulated Proxmox node: <c>pct</c>, <c>pvesm</c>, <c>pveam</c>, <c>pvesh</c>,
/// <c>vzdump</c>, <c>pveversion</c> and <c>lxc-attach</c>, printing what the real tools print and
/// exiting as they exit. Shims on a PATH reach it through the simulator's <c>/simulator/cli</c> route.
/// </summary>
public interface INodeCommandLine
{
    /// <param name="node">The node the command runs on (the real tools act on the local node).</param>
    /// <param name="tool">pct, pvesm, pveam, pvesh, vzdump, pveversion or lxc-attach.</param>
    Task<CommandResult> RunAsync(
        string node,
        string tool,
        IReadOnlyList<string> arguments,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default
    );
}

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);
