using System.Net;
using System.Net.Http.Json;
using LxcForge.Simulator.Http.Schema;
using LxcForge.Simulator.Tests.Engine;
using LxcForge.Simulator.Tests.Http.Support;
using static LxcForge.Simulator.Tests.Http.Support.HttpContentJson;

namespace LxcForge.Simulator.Tests.Http;

/// <summary>The real simulated cluster behind the HTTP front end: a client's view over HTTPS, as a third-party client sees it.</summary>
public sealed class EngineOverHttpSpecs
{
    [Fact]
    public async Task A_container_lifecycle_works_over_HTTPS_as_a_client_sees_it()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        var nextId = await HttpCluster.DataAsync(await c.Sim.Client.GetAsync("cluster/nextid"));

        // Act
        var created = await c.RunAsync(
            HttpMethod.Post,
            "nodes/pve/lxc",
            ("vmid", "200"),
            ("ostemplate", SimHarness.Debian12),
            ("rootfs", "local-lvm:8"),
            ("hostname", "redis"),
            ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.10/24,gw=10.0.30.1")
        );
        var put = await c.Sim.Client.PutAsync("nodes/pve/lxc/200/config", Form(("memory", "1024"), ("cores", "2")));
        var config = await HttpCluster.DataAsync(await c.Sim.Client.GetAsync("nodes/pve/lxc/200/config"));
        var started = await c.RunAsync(HttpMethod.Post, "nodes/pve/lxc/200/status/start");
        var status = await HttpCluster.DataAsync(await c.Sim.Client.GetAsync("nodes/pve/lxc/200/status/current"));
        var resources = await HttpCluster.DataAsync(await c.Sim.Client.GetAsync("cluster/resources?type=vm"));
        var stopped = await c.RunAsync(HttpMethod.Post, "nodes/pve/lxc/200/status/stop");
        var destroyed = await c.RunAsync(HttpMethod.Delete, "nodes/pve/lxc/200");
        using var gone = await c.Sim.Client.GetAsync("nodes/pve/lxc/200/config");

        // Assert
        nextId!.ToString().Should().Be("100");
        created.Should().Be("OK");
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadAsStringAsync()).Should().Be("{\"data\":null}");
        ((string)config!["hostname"]!).Should().Be("redis");
        config["memory"]!.ToString().Should().Be("1024");
        ((string)config["net0"]!).Should().MatchRegex("^name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:[0-9A-F:]{8},ip=10.0.30.10/24,type=veth$");
        started.Should().Be("OK");
        ((string)status!["status"]!).Should().Be("running");
        resources!.AsArray().Select(r => (int)r!["vmid"]!).Should().Equal(200);
        stopped.Should().Be("OK");
        destroyed.Should().Be("OK");
        gone.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        gone.ReasonPhrase.Should().Be("Configuration file 'nodes/pve/lxc/200.conf' does not exist");
    }

    [Fact]
    public async Task A_second_clone_of_the_same_template_fails_with_CT_is_locked_disk_over_HTTP()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        await c.Harness.TemplateOk(900);

        // Act
        using var first = await c.Sim.Client.PostAsync("nodes/pve/lxc/900/clone", Form(("newid", "200"), ("full", "1"), ("storage", "local-lvm")));
        using var second = await c.Sim.Client.PostAsync("nodes/pve/lxc/900/clone", Form(("newid", "201"), ("full", "1"), ("storage", "local-lvm")));
        var upid = (string)(await HttpCluster.DataAsync(first))!;
        var exit = await c.WaitTaskAsync(upid);
        using var log = await c.Sim.Client.GetAsync($"nodes/pve/tasks/{Uri.EscapeDataString(upid)}/log?start=0&limit=1");
        var logBody = await log.Content.ReadJsonAsync();

        // Assert
        second.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        second.ReasonPhrase.Should().Be("CT is locked (disk)");
        (await second.Content.ReadJsonAsync())["message"]!.GetValue<string>().Should().Be("CT is locked (disk)\n");
        exit.Should().Be("OK");
        logBody["data"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Every_engine_route_inside_the_schema_is_served_and_the_others_answer_501()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        var schemaRoutes = PveApiSchema.Default.Endpoints.Select(e => e.ToString()).ToHashSet();
        var engineRoutes = c.Harness.Cluster.ApiRoutes.Select(r => $"{r.Method} {r.Template}").ToList();

        // Act
        var outside = engineRoutes.Where(r => !schemaRoutes.Contains(r)).ToList();
        var answers = new List<string>();
        foreach (var route in outside)
        {
            var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
            var path = template.Replace("{node}", "pve", StringComparison.Ordinal).TrimStart('/');
            using var response = await c.Sim.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            answers.Add($"{route} -> {(int)response.StatusCode}");
        }

        // Assert
        answers.Should().OnlyContain(a => a.EndsWith("-> 501", StringComparison.Ordinal), "routes outside the official schema are not served over HTTP");
        engineRoutes.Count(schemaRoutes.Contains).Should().BeGreaterThan(25);
    }

    [Fact]
    public async Task Engine_faults_set_over_HTTP_fail_the_next_task_and_hold_a_lock()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        await c.Harness.CreateOk(200);
        using var admin = c.Sim.NewClient(c.Sim.Endpoint.Credentials.AuthorizationHeader);
        admin.BaseAddress = new Uri(c.Sim.Endpoint.BaseUrl, "simulator/");

        // Act
        using var armTask = await admin.PostAsJsonAsync(
            "faults/tasks",
            new
            {
                type = "vzstart",
                count = 1,
                message = "simulated start failure",
            }
        );
        var failedStart = await c.RunAsync(HttpMethod.Post, "nodes/pve/lxc/200/status/start");
        var secondStart = await c.RunAsync(HttpMethod.Post, "nodes/pve/lxc/200/status/start");
        using var armLock = await admin.PostAsJsonAsync(
            "faults/lock",
            new
            {
                vmid = 200,
                @lock = "backup",
                seconds = 3600,
            }
        );
        using var locked = await c.Sim.Client.PutAsync("nodes/pve/lxc/200/config", Form(("memory", "1024")));
        using var missing = await admin.PostAsJsonAsync(
            "faults/lock",
            new
            {
                vmid = 999,
                @lock = "backup",
                seconds = 1,
            }
        );

        // Assert
        armTask.StatusCode.Should().Be(HttpStatusCode.OK);
        failedStart.Should().Contain("simulated start failure");
        secondStart.Should().Be("OK");
        armLock.StatusCode.Should().Be(HttpStatusCode.OK);
        locked.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        locked.ReasonPhrase.Should().Be("CT is locked (backup)");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_engine_level_drop_closes_the_connection_without_a_response()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        c.Harness.Cluster.Faults.DropNextResponses(1);

        // Act
        var dropped = async () => await c.Sim.Client.GetAsync("version");

        // Assert
        await dropped.Should().ThrowAsync<HttpRequestException>();
        (await c.Sim.Client.GetAsync("version")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
