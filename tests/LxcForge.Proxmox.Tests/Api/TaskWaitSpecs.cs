using System.Net;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Tasks;
using LxcForge.Proxmox.Api.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxcForge.Proxmox.Tests.Api;

/// <summary>
/// Task waits against a scripted Proxmox endpoint on loopback, for task endings the simulator does not
/// produce: <c>WARNINGS: N</c>, and a task that never ends.
/// </summary>
public sealed class TaskWaitSpecs : IAsyncLifetime
{
    private const string Upid = "UPID:pve:0000ABCD:01B4C6D2:6650A1B3:vzstart:300:root@pam!ci:";
    private WebApplication _app = null!;
    private Uri _url = null!;
    private int _statusPolls;
    private int _starts;

    /// <summary>What the task status says once polled this many times (null: running for ever).</summary>
    private (int AfterPolls, string ExitStatus)? _ending;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        _url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        JsonNode? data = path switch
        {
            "/api2/json/cluster/resources" => new JsonArray(
                new JsonObject
                {
                    ["id"] = "lxc/300",
                    ["type"] = "lxc",
                    ["vmid"] = 300,
                    ["node"] = "pve",
                    ["status"] = "stopped",
                }
            ),
            "/api2/json/nodes/pve/lxc/300/status/start" => Start(),
            _ when path.EndsWith("/status", StringComparison.Ordinal) => Status(),
            _ when path.EndsWith("/log", StringComparison.Ordinal) => new JsonArray(
                new JsonObject { ["n"] = 1, ["t"] = "WARN: systemd 255 detected. You may need to enable nesting." },
                new JsonObject { ["n"] = 2, ["t"] = "TASK WARNINGS: 1" }
            ),
            _ => null,
        };
        return context.Response.WriteAsJsonAsync(new JsonObject { ["data"] = data });
    }

    private JsonNode Start()
    {
        Interlocked.Increment(ref _starts);
        return Upid;
    }

    private JsonNode Status()
    {
        var polls = Interlocked.Increment(ref _statusPolls);
        var ended = _ending is { } e && polls > e.AfterPolls;
        var status = new JsonObject { ["upid"] = Upid, ["status"] = ended ? "stopped" : "running" };
        if (ended)
            status["exitstatus"] = _ending!.Value.ExitStatus;
        return status;
    }

    private ProxmoxApiHost Host(TimeSpan? timeout = null) =>
        new(
            new ProxmoxConnectionOptions(_url, new ApiToken("root@pam!ci", "test-secret"))
            {
                Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(10) },
                Tasks = new TaskWaitOptions
                {
                    InitialPollInterval = TimeSpan.FromMilliseconds(5),
                    MaxPollInterval = TimeSpan.FromMilliseconds(20),
                    DefaultTimeout = timeout ?? TimeSpan.FromMinutes(1),
                },
            }
        );

    [Fact]
    public async Task A_task_that_ends_with_warnings_succeeds_and_returns_them()
    {
        // Arrange
        _ending = (3, "WARNINGS: 1");
        await using var host = Host();

        // Act
        var outcome = await host.StartAsync(300);

        // Assert
        outcome.TaskId.Should().Be(Upid);
        outcome.Warnings.Should().Equal("WARN: systemd 255 detected. You may need to enable nesting.");
        _statusPolls.Should().Be(4, "it polled until the task stopped");
    }

    [Fact]
    public async Task A_task_that_outlives_its_wait_times_out_naming_the_task_and_is_not_started_again()
    {
        // Arrange
        _ending = null;
        await using var host = Host(TimeSpan.FromMilliseconds(200));

        // Act
        var error = await ((Func<Task>)(() => host.StartAsync(300))).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.Timeout);
        error.Which.TaskId.Should().Be(Upid);
        error.Which.Message.Should().Contain("still running").And.Contain(Upid);
        _starts.Should().Be(1, "the task goes on on the host; starting it again would do it twice");
    }
}
