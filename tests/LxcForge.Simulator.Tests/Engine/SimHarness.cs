using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Testing.Utils;

namespace LxcForge.Simulator.Tests.Engine;

/// <summary>A simulated cluster at 1000× speed with helpers that drive it only through its API.</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    public const string Debian12 = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(20);
    private readonly TempDir? _dir;

    public SimHarness(ClusterProfile? profile = null, double factor = 1000, TimeModel? timeModel = null)
    {
        _dir = TempDir.Create();
        Cluster = new SimulatorCluster(
            profile,
            new SimulatorOptions
            {
                TimeFactor = factor,
                StateDirectory = _dir.Combine("state"),
                TimeModel = timeModel ?? new TimeModel(),
            }
        );
    }

    /// <summary>Drives an existing cluster (a loaded one); the caller disposes it.</summary>
    public SimHarness(SimulatorCluster cluster) => Cluster = cluster;

    public SimulatorCluster Cluster { get; }

    public string Node { get; init; } = "pve";

    public Task<JsonNode?> Get(string path, params (string Key, string Value)[] parameters) => Call("GET", path, parameters);

    public async Task<JsonArray> List(string path, params (string Key, string Value)[] parameters) => (JsonArray)(await Call("GET", path, parameters))!;

    public Task<JsonNode?> Post(string path, params (string Key, string Value)[] parameters) => Call("POST", path, parameters);

    public Task<JsonNode?> Put(string path, params (string Key, string Value)[] parameters) => Call("PUT", path, parameters);

    public Task<JsonNode?> Delete(string path, params (string Key, string Value)[] parameters) => Call("DELETE", path, parameters);

    public Task<JsonNode?> Call(string method, string path, params (string Key, string Value)[] parameters) =>
        Cluster.CallAsync(new ApiRequest(method, path, parameters.ToDictionary(p => p.Key, p => p.Value)));

    /// <summary>Polls the task's status (with backoff) until it has stopped; returns its exit status.</summary>
    public async Task<string> WaitTask(string upid)
    {
        var node = upid.Split(':')[1];
        var delay = TimeSpan.FromMilliseconds(1);
        var deadline = DateTime.UtcNow + TaskTimeout;
        while (true)
        {
            var status = await Get($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status");
            if ((string?)status!["status"] == "stopped")
                return (string)status["exitstatus"]!;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"task {upid} still running after {TaskTimeout}");
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }

    /// <summary>Runs a task-returning call and waits for it; returns the exit status.</summary>
    public async Task<string> Run(string method, string path, params (string Key, string Value)[] parameters) =>
        await WaitTask((string)(await Call(method, path, parameters))!);

    public async Task<string> TaskLog(string upid)
    {
        var lines = (JsonArray)(await Get($"/nodes/{upid.Split(':')[1]}/tasks/{Uri.EscapeDataString(upid)}/log", ("limit", "0")))!;
        return string.Join('\n', lines.Select(l => (string)l!["t"]!));
    }

    public async Task CreateOk(int vmid, string rootfs = "local-lvm:8", params (string, string)[] extra)
    {
        var exit = await Run("POST", $"/nodes/{Node}/lxc", [("vmid", vmid.ToString()), ("ostemplate", Debian12), ("rootfs", rootfs), .. extra]);
        exit.Should().Be("OK");
    }

    /// <summary>A template as the fleet design makes them: created on local-hdd, then converted.</summary>
    public async Task TemplateOk(int vmid, string rootfs = "local-hdd:8", params (string, string)[] extra)
    {
        await CreateOk(vmid, rootfs, extra);
        (await Post($"/nodes/{Node}/lxc/{vmid}/template")).Should().BeNull();
        await WaitUntil(async () => (string?)(await Config(vmid))["template"]?.ToString() == "1");
    }

    public async Task StartOk(int vmid) => (await Run("POST", $"/nodes/{Node}/lxc/{vmid}/status/start")).Should().Be("OK");

    public async Task<JsonObject> Config(int vmid) => (JsonObject)(await Get($"/nodes/{Node}/lxc/{vmid}/config"))!;

    public async Task<JsonObject> Status(int vmid) => (JsonObject)(await Get($"/nodes/{Node}/lxc/{vmid}/status/current"))!;

    /// <summary>Polls a condition with backoff (for null-returning calls such as template).</summary>
    public static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var delay = TimeSpan.FromMilliseconds(1);
        var deadline = DateTime.UtcNow + TaskTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met in time");
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }

    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="status"/> and exactly <paramref name="message"/>.</summary>
    public static async Task<PveApiException> Fails(Func<Task> call, int status, string message)
    {
        var ex = (await call.Should().ThrowAsync<PveApiException>()).Which;
        ex.StatusCode.Should().Be(status);
        ex.Message.Should().Be(message);
        return ex;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _dir?.Dispose();
    }
}
