using System.Net;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Tests.Http.Support;
using static LxcForge.Simulator.Tests.Http.Support.HttpContentJson;

namespace LxcForge.Simulator.Tests.Http;

/// <summary>/cluster/resources is sent from bytes kept between changes; over HTTP it must still be current and well formed.</summary>
public sealed class ResourcesOverHttpSpecs
{
    [Fact]
    public async Task A_change_made_over_HTTP_shows_in_the_next_resources_read_over_HTTP()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        await c.Harness.CreateOk(200, "local-lvm:1", ("hostname", "before"));
        var before = await VmAsync(c, 200);

        // Act
        using var put = await c.Client.PutAsync("nodes/pve/lxc/200/config", Form(("hostname", "after")));
        var after = await VmAsync(c, 200);

        // Assert
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string)before["name"]!).Should().Be("before");
        ((string)after["name"]!).Should().Be("after");
    }

    [Fact]
    public async Task The_body_is_the_data_object_with_a_content_length_and_the_same_entries_as_in_process()
    {
        // Arrange
        await using var c = await HttpCluster.StartAsync();
        await c.Harness.CreateOk(200, "local-lvm:1");
        await c.Harness.CreateOk(201, "local-hdd:1");

        // Act
        using var response = await c.Client.GetAsync("cluster/resources?type=vm");
        var text = await response.Content.ReadAsStringAsync();
        var inProcess = await c.Harness.List("/cluster/resources", ("type", "vm"));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=UTF-8");
        response.Content.Headers.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(text));
        text.Should().StartWith("{\"data\":[{\"id\":\"lxc/200\",\"type\":\"lxc\",\"vmid\":200,").And.EndWith("}]}");
        JsonNode.Parse(text)!["data"]!.ToJsonString().Should().Be(inProcess.ToJsonString());
    }

    private static async Task<JsonObject> VmAsync(HttpCluster c, int vmid) =>
        (JsonObject)(await HttpCluster.DataAsync(await c.Client.GetAsync("cluster/resources?type=vm")))!.AsArray().Single(r => (int)r!["vmid"]! == vmid)!;
}
