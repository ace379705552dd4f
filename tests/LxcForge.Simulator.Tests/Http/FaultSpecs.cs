using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Tests.Http.Support;

namespace LxcForge.Simulator.Tests.Http;

public sealed class FaultSpecs : StubbedSimulatorSpecs
{
    private HttpClient Admin()
    {
        var client = Sim.NewClient(Sim.Endpoint.Credentials.AuthorizationHeader);
        client.BaseAddress = new Uri(Sim.Endpoint.BaseUrl, "simulator/");
        return client;
    }

    [Fact]
    public async Task The_next_N_requests_answer_the_armed_5xx_and_later_ones_reach_the_API()
    {
        // Arrange
        using var admin = Admin();
        using var arm = await admin.PostAsJsonAsync(
            "faults/error",
            new
            {
                count = 2,
                status = 503,
                message = "Service Unavailable",
                path = "^/version$",
            }
        );

        // Act
        using var first = await Sim.Client.GetAsync("version");
        using var other = await Sim.Client.GetAsync("nodes");
        using var second = await Sim.Client.GetAsync("version");
        using var third = await Sim.Client.GetAsync("version");

        // Assert
        arm.StatusCode.Should().Be(HttpStatusCode.OK);
        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        first.ReasonPhrase.Should().Be("Service Unavailable");
        (await first.Content.ReadJsonAsync())["message"]!.GetValue<string>().Should().Be("Service Unavailable");
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        third.StatusCode.Should().Be(HttpStatusCode.OK);
        Api.Calls.Select(c => c.Path).Should().Equal("/nodes", "/version");
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_client_no_response_and_the_next_request_succeeds()
    {
        // Arrange
        Sim.Server.Faults.DropNext(1);

        // Act
        var dropped = async () => await Sim.Client.GetAsync("version");

        // Assert
        await dropped.Should().ThrowAsync<HttpRequestException>();
        using var after = await Sim.Client.GetAsync("version");
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        Api.Calls.Should().ContainSingle();
    }

    [Fact]
    public async Task A_delayed_response_arrives_after_the_delay()
    {
        // Arrange
        using var admin = Admin();
        (await admin.PostAsJsonAsync("faults/delay", new { milliseconds = 400, count = 1 })).EnsureSuccessStatusCode();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        using var delayed = await Sim.Client.GetAsync("version");
        var delayedTime = clock.Elapsed;

        // Assert
        delayed.StatusCode.Should().Be(HttpStatusCode.OK);
        delayedTime.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));
        Sim.Server.Faults.Armed.Should().BeEmpty("a counted delay is used up");
    }

    [Fact]
    public async Task Faults_can_be_listed_and_cleared_over_HTTP()
    {
        // Arrange
        using var admin = Admin();
        (await admin.PostAsJsonAsync("faults/error", new { count = 5, method = "POST" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("faults/drop", new { count = 1, path = "/clone$" })).EnsureSuccessStatusCode();

        // Act
        var listed = await admin.GetFromJsonAsync<JsonObject>("faults");
        using var cleared = await admin.DeleteAsync("faults");
        using var after = await Sim.Client.PostAsync("nodes/pve/lxc/900/clone", HttpContentJson.Form(("newid", "201")));

        // Assert
        listed!["faults"]!.AsArray().Select(f => (string)f!["kind"]!).Should().Equal("error", "drop");
        listed["faults"]![0]!["remaining"]!.GetValue<int>().Should().Be(5);
        (await cleared.Content.ReadJsonAsync())["faults"]!.AsArray().Should().BeEmpty();
        after.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_routes_need_credentials_and_refuse_bad_input()
    {
        // Arrange
        using var anonymous = Sim.NewClient(null);
        anonymous.BaseAddress = new Uri(Sim.Endpoint.BaseUrl, "simulator/");
        using var admin = Admin();

        // Act
        using var refused = await anonymous.GetAsync("faults");
        using var badStatus = await admin.PostAsJsonAsync("faults/error", new { count = 1, status = 200 });
        using var unknown = await admin.GetAsync("nothing-here");

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badStatus.Content.ReadJsonAsync())["error"]!.GetValue<string>().Should().Contain("'status': 200 is out of range");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
