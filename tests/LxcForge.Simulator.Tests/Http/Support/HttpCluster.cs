using System.Net;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Tests.Engine;
using static LxcForge.Simulator.Tests.Http.Support.HttpContentJson;

namespace LxcForge.Simulator.Tests.Http.Support;

/// <summary>A real simulated cluster (<see cref="SimHarness"/>, 1000× time) served over HTTPS, with client-side helpers.</summary>
internal sealed class HttpCluster : IAsyncDisposable
{
    private HttpCluster(SimHarness harness, RunningSimulator sim)
    {
        Harness = harness;
        Sim = sim;
    }

    public SimHarness Harness { get; }

    public RunningSimulator Sim { get; }

    public HttpClient Client => Sim.Client;

    public static async Task<HttpCluster> StartAsync()
    {
        var harness = new SimHarness();
        return new HttpCluster(harness, await RunningSimulator.StartAsync(harness.Cluster));
    }

    /// <summary>The response's <c>data</c>, after asserting a 200.</summary>
    public static async Task<JsonNode?> DataAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadJsonAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
            return body["data"];
        }
    }

    /// <summary>Polls the task's status over HTTP, with backoff, until it stops; returns its exitstatus.</summary>
    public async Task<string> WaitTaskAsync(string upid)
    {
        var delay = TimeSpan.FromMilliseconds(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var status = await DataAsync(await Client.GetAsync($"nodes/{upid.Split(':')[1]}/tasks/{Uri.EscapeDataString(upid)}/status"));
            if ((string?)status!["status"] == "stopped")
                return (string)status["exitstatus"]!;
            DateTime.UtcNow.Should().BeBefore(deadline, $"task {upid} should finish");
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }

    /// <summary>Sends a task-starting call (form body), checks the UPID names the token user, waits for the task.</summary>
    public async Task<string> RunAsync(HttpMethod method, string path, params (string, string)[] form)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Form(form) };
        var upid = (string)(await DataAsync(await Client.SendAsync(request)))!;
        upid.Should().StartWith("UPID:pve:").And.EndWith(":root@pam!lxcforge:");
        return await WaitTaskAsync(upid);
    }

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
