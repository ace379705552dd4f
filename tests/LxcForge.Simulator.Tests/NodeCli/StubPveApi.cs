using System.Globalization;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary>
/// A scripted API for the command line's formatting specs: fixed answers per method and path, finished
/// tasks with their logs, and every call recorded.
/// </summary>
internal sealed class StubPveApi : IPveApi
{
    private readonly Dictionary<string, Func<ApiRequest, JsonNode?>> routes = new(StringComparer.Ordinal);
    private int nextPid = 0x1000;

    public List<ApiRequest> Calls { get; } = [];

    public StubPveApi On(string method, string path, Func<ApiRequest, JsonNode?> answer)
    {
        routes[$"{method} {path}"] = answer;
        return this;
    }

    public StubPveApi On(string method, string path, string json) => On(method, path, _ => JsonNode.Parse(json));

    /// <summary>A task that has already stopped with <paramref name="exitStatus"/>; its log ends with the status line.</summary>
    public string FinishedTask(string type, string id, string exitStatus, params string[] log)
    {
        var upid = string.Create(CultureInfo.InvariantCulture, $"UPID:pve:{nextPid++:X8}:00000001:6650A1B3:{type}:{id}:root@pam:");
        var final =
            exitStatus == "OK" ? "TASK OK"
            : exitStatus.StartsWith("WARNINGS", StringComparison.Ordinal) ? $"TASK {exitStatus}"
            : $"TASK ERROR: {exitStatus}";
        On("GET", $"/nodes/pve/tasks/{Uri.EscapeDataString(upid)}/status", _ => new JsonObject
        {
            ["upid"] = upid,
            ["status"] = "stopped",
            ["exitstatus"] = exitStatus,
        });
        On("GET", $"/nodes/pve/tasks/{Uri.EscapeDataString(upid)}/log", _ => new JsonArray(
            log.Append(final).Select((t, i) => (JsonNode)new JsonObject { ["n"] = i + 1, ["t"] = t }).ToArray()
        ));
        return upid;
    }

    public Task<JsonNode?> CallAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add(request);
        return routes.TryGetValue($"{request.Method} {request.Path}", out var answer)
            ? Task.FromResult(answer(request))
            : throw new PveApiException(501, $"Method '{request.Method} {request.Path}' not implemented");
    }
}

/// <summary>Records exec calls and answers with a fixed result.</summary>
internal sealed class StubExec(SimExecResult result) : ISimulatorExec
{
    private readonly List<ExecRecord> history = [];

    public Task<SimExecResult> ExecAsync(
        int vmid,
        IReadOnlyList<string> command,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default
    )
    {
        history.Add(new ExecRecord(vmid, command, standardInput, environment, result.ExitCode, DateTimeOffset.UnixEpoch));
        return Task.FromResult(result);
    }

    public IReadOnlyList<ExecRecord> ExecHistory(int vmid) => history.Where(r => r.Vmid == vmid).ToList();
}
