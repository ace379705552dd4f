using System.Net;
using System.Net.Http.Json;
using LxcForge.Simulator.Tests.Http.Support;

namespace LxcForge.Simulator.Tests.Http;

/// <summary>The admin routes check every fault parameter: an absurd one is a 400 naming the field, never a bare 500.</summary>
public sealed class AdminFaultLimitSpecs
{
    [Theory]
    [InlineData("faults/lock", "{\"vmid\":200,\"lock\":\"backup\",\"seconds\":1e300}", "'seconds'")]
    [InlineData("faults/lock", "{\"vmid\":200,\"lock\":\"backup\",\"seconds\":-5}", "'seconds'")]
    [InlineData("faults/tasks", "{\"type\":\"vzclone\",\"count\":1e300,\"message\":\"x\"}", "'count'")]
    [InlineData("faults/delay", "{\"milliseconds\":1e300}", "'milliseconds'")]
    [InlineData("faults/error", "{\"status\":200}", "'status'")]
    [InlineData("faults/storage/slow", "{\"storage\":\"local-lvm\",\"factor\":0}", "'factor'")]
    [InlineData("faults/node-offline", "{\"node\":\"pve;rm\"}", "'node'")]
    public async Task An_absurd_fault_parameter_is_a_400_naming_the_field(string route, string body, string field)
    {
        // Arrange
        await using var cluster = await HttpCluster.StartAsync();
        using var admin = cluster.Sim.NewClient(cluster.Sim.Endpoint.Credentials.AuthorizationHeader);
        admin.BaseAddress = new Uri(cluster.Sim.Endpoint.BaseUrl, "simulator/");

        // Act
        using var response = await admin.PostAsync(route, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = (string?)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"] ?? "";

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().Contain(field);
    }

    [Fact]
    public async Task A_node_taken_offline_through_the_admin_route_answers_595()
    {
        // Arrange
        await using var cluster = await HttpCluster.StartAsync();
        using var admin = cluster.Sim.NewClient(cluster.Sim.Endpoint.Credentials.AuthorizationHeader);
        admin.BaseAddress = new Uri(cluster.Sim.Endpoint.BaseUrl, "simulator/");

        // Act
        using var arm = await admin.PostAsJsonAsync("faults/node-offline", new { node = "pve" });
        using var down = await cluster.Client.GetAsync("nodes/pve/status");
        using var back = await admin.PostAsJsonAsync("faults/node-offline", new { node = "pve", offline = false });
        using var up = await cluster.Client.GetAsync("nodes/pve/status");

        // Assert
        arm.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)down.StatusCode).Should().Be(595);
        up.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
