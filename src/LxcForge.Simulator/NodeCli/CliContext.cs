using System.Text;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.NodeCli;

/// <summary>
/// One run of a node tool: the node it runs on, the simulator it talks to, the caller's stdin and
/// environment, and the output it prints.
/// </summary>
internal sealed class CliContext(
    string node,
    IPveApi api,
    ISimulatorExec exec,
    string? standardInput,
    IReadOnlyDictionary<string, string> environment,
    CancellationToken cancellationToken
)
{
    public string Node { get; } = node;

    public IPveApi Api { get; } = api;

    public ISimulatorExec Exec { get; } = exec;

    public string? StandardInput { get; } = standardInput;

    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public StringBuilder Out { get; } = new();

    public StringBuilder Err { get; } = new();

    /// <summary>The API path of this node: <c>/nodes/{node}</c> plus <paramref name="rest"/>.</summary>
    public string NodePath(string rest) => $"/nodes/{Node}{rest}";

    public void Print(string line) => Out.Append(line).Append('\n');

    public void PrintError(string line) => Err.Append(line).Append('\n');

    public Task<JsonNode?> GetAsync(string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        Api.CallAsync(ApiRequest.Get(path, parameters), CancellationToken);

    public Task<JsonNode?> CallAsync(string method, string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        Api.CallAsync(new ApiRequest(method, path, parameters ?? new Dictionary<string, string>()), CancellationToken);
}
