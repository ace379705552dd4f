using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Tests.Http.Support;
using static LxcForge.Simulator.Tests.Http.Support.HttpContentJson;

namespace LxcForge.Simulator.Tests.Http;

public sealed class ResponseShapeSpecs
{
    [Fact]
    public async Task Data_comes_wrapped_in_a_data_property_and_paged_lists_carry_total()
    {
        // Arrange
        const string upid = "UPID:pve:0003A2F1:01B4C6D2:6650A1B3:vzclone:900:root@pam!lxcforge:";
        var log = new JsonArray(new JsonObject { ["n"] = 1, ["t"] = "create full clone" });
        var api = new RecordingPveApi().Answer("GET", $"/nodes/pve/tasks/{upid}/log", log, total: 7);
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.GetAsync($"nodes/pve/tasks/{Uri.EscapeDataString(upid)}/log?start=0&limit=1");
        var body = await response.Content.ReadJsonAsync();

        // Assert
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        body["data"]![0]!["t"]!.GetValue<string>().Should().Be("create full clone");
        body["total"]!.GetValue<long>().Should().Be(7);
        api.Calls.Should()
            .ContainSingle()
            .Which.Parameters.Should()
            .Contain(new KeyValuePair<string, string>("upid", upid))
            .And.Contain(new KeyValuePair<string, string>("limit", "1"));
    }

    [Fact]
    public async Task A_null_result_is_data_null()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());

        // Act
        using var response = await sim.Client.PutAsync("nodes/pve/lxc/200/config", Form(("memory", "1024")));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"data\":null}");
    }

    [Fact]
    public async Task An_engine_error_keeps_its_status_with_the_message_as_reason_phrase_and_body()
    {
        // Arrange
        var api = new RecordingPveApi().Fail("POST", "/nodes/pve/lxc/900/clone", new PveApiException(500, "CT is locked (disk)"));
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.PostAsync("nodes/pve/lxc/900/clone", Form(("newid", "201")));
        var body = await response.Content.ReadJsonAsync();

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.ReasonPhrase.Should().Be("CT is locked (disk)");
        body["data"].Should().BeNull();
        body["message"]!.GetValue<string>().Should().Be("CT is locked (disk)\n");
        body.AsObject().ContainsKey("errors").Should().BeFalse();
    }

    [Fact]
    public async Task An_engine_parameter_error_is_a_400_with_errors()
    {
        // Arrange
        var api = new RecordingPveApi().Fail("GET", "/cluster/nextid", PveApiException.ParameterError("vmid", "VM 200 already exists"));
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.GetAsync("cluster/nextid?vmid=200");
        var body = await response.Content.ReadJsonAsync();

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.ReasonPhrase.Should().Be("Parameter verification failed.");
        body["errors"]!["vmid"]!.GetValue<string>().Should().Be("VM 200 already exists");
    }

    [Fact]
    public async Task A_route_outside_the_schema_is_501_not_implemented_in_Proxmox_words()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var unknown = await sim.Client.GetAsync("foo");
        using var wrongMethod = await sim.Client.DeleteAsync("version");

        // Assert
        unknown.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        unknown.ReasonPhrase.Should().Be("Method 'GET /foo' not implemented");
        (await unknown.Content.ReadJsonAsync())["message"]!.GetValue<string>().Should().Be("Method 'GET /foo' not implemented");
        wrongMethod.ReasonPhrase.Should().Be("Method 'DELETE /version' not implemented");
        api.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task JSON_bodies_are_accepted_with_booleans_as_1_and_0()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.PostAsJsonAsync(
            "nodes/pve/lxc/900/clone",
            new
            {
                newid = 201,
                full = true,
                hostname = "redis",
            }
        );

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Calls.Should()
            .ContainSingle()
            .Which.Parameters.Should()
            .BeEquivalentTo(
                new Dictionary<string, string>
                {
                    ["node"] = "pve",
                    ["vmid"] = "900",
                    ["newid"] = "201",
                    ["full"] = "1",
                    ["hostname"] = "redis",
                }
            );
    }

    [Fact]
    public async Task Query_parameters_of_a_DELETE_reach_the_API()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.DeleteAsync("nodes/pve/lxc/200?purge=1&force=1");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var call = api.Calls.Should().ContainSingle().Subject;
        call.Method.Should().Be("DELETE");
        call.Parameters.Should().Contain(new KeyValuePair<string, string>("purge", "1")).And.Contain(new KeyValuePair<string, string>("force", "1"));
    }

    [Fact]
    public async Task A_body_parameter_contradicting_the_path_is_refused()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.PutAsync("nodes/pve/lxc/200/config", Form(("vmid", "201"), ("memory", "1024")));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadJsonAsync())["errors"]!["vmid"]!
            .GetValue<string>()
            .Should()
            .Be("duplicate parameter (already defined in URI) with conflicting values!");
        api.Calls.Should().BeEmpty();
    }
}
