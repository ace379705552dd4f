using System.Text.Json;

namespace LxcForge.Simulator.NodeCli.Remote;

/// <summary>
/// One node-tool run sent to the simulator server by a remote client of the node command line:
/// <c>POST /simulator/cli</c> with this body, authenticated like any API call.
/// </summary>
/// <param name="Node">The node the tool runs on; null for the cluster's first node.</param>
/// <param name="Tool">pct, pvesm, pveam, pvesh, vzdump, pveversion or lxc-attach.</param>
/// <param name="Args">The words after the tool name, as the shell passed them.</param>
/// <param name="Stdin">What the caller piped in (only read for pct exec and lxc-attach), or null.</param>
/// <param name="Env">The caller's environment, for pct exec and lxc-attach.</param>
public sealed record SimulatorCliRequest(string? Node, string Tool, IReadOnlyList<string> Args, string? Stdin, IReadOnlyDictionary<string, string> Env);

/// <summary>What the tool printed and its exit code, for the client to relay unchanged.</summary>
public sealed record SimulatorCliResponse(int ExitCode, string Stdout, string Stderr);

/// <summary>The wire format of the <c>/simulator/cli</c> route: the server binds requests to these records.</summary>
public static class SimulatorCliProtocol
{
    /// <summary>The route, below the server's root (beside <c>/api2/json</c>).</summary>
    public const string Route = "/simulator/cli";

    /// <summary>camelCase JSON: <c>{"node","tool","args","stdin","env"}</c> and <c>{"exitCode","stdout","stderr"}</c>.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
