namespace LxcForge.Core.Hosting;

/// <summary>
/// A shell on a Proxmox node itself (not inside a container): what the community scripts need, since
/// they run on the node and call pct, pvesm, pveam and pvesh there. Offered by the pct shell backend
/// (local or SSH), by the simulator (with its node command line on PATH), and by the API backend when
/// it was given an SSH connection.
/// </summary>
public interface INodeShell
{
    /// <summary>Runs <paramref name="script"/> with bash on <paramref name="node"/>.</summary>
    Task<ExecResult> RunScriptAsync(string node, NodeScript script, CancellationToken cancellationToken = default);

    /// <summary>
    /// The address the node's containers can reach the node on, for a mirror LxcForge serves; null when
    /// LxcForge itself runs on the node (or the simulator), where 127.0.0.1 serves.
    /// </summary>
    string? MirrorAddress { get; }
}

/// <summary>A bash script to run on a node, its environment and the text sent to its stdin.</summary>
public sealed record NodeScript(string Script)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? StandardInput { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Called with each line of output as it arrives (progress, logs); may be null.</summary>
    public Action<string>? OnOutputLine { get; init; }
}
