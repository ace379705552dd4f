using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

/// <summary>/cluster/resources is kept serialised between changes; every change must still show in the very next read.</summary>
public sealed class ResourcesViewSpecs
{
    [Fact]
    public async Task A_config_change_shows_in_the_next_resources_read()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:1", ("hostname", "before"), ("memory", "512"));
        var before = await Entry(sim, 200);

        // Act
        await sim.Put("/nodes/pve/lxc/200/config", ("hostname", "after"), ("memory", "1024"), ("cores", "2"), ("tags", "web"));
        var after = await Entry(sim, 200);

        // Assert
        before["name"]!.GetValue<string>().Should().Be("before");
        after["name"]!.GetValue<string>().Should().Be("after");
        after["maxmem"]!.GetValue<long>().Should().Be(1024L << 20);
        after["maxcpu"]!.GetValue<int>().Should().Be(2);
        after["tags"]!.GetValue<string>().Should().Be("web");
    }

    [Fact]
    public async Task Start_template_and_destroy_show_in_the_next_resources_read()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:1");
        await sim.CreateOk(900, "local-hdd:1");
        _ = await Entry(sim, 200);

        // Act
        await sim.StartOk(200);
        var started = await Entry(sim, 200);
        (await sim.Post("/nodes/pve/lxc/900/template")).Should().BeNull();
        await SimHarness.WaitUntil(async () => (string?)(await sim.Config(900))["template"]?.ToString() == "1");
        var template = await Entry(sim, 900);
        (await sim.Run("DELETE", "/nodes/pve/lxc/900")).Should().Be("OK");
        var vms = await sim.List("/cluster/resources", ("type", "vm"));

        // Assert
        started["status"]!.GetValue<string>().Should().Be("running");
        template["template"]!.GetValue<int>().Should().Be(1);
        vms.Select(v => (int)v!["vmid"]!).Should().Equal(200);
    }

    [Fact]
    public async Task A_held_lock_and_its_release_show_in_the_next_resources_read()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:1");
        _ = await Entry(sim, 200);

        // Act
        sim.Cluster.Faults.HoldLock(200, "backup", TimeSpan.FromSeconds(5));
        var locked = await Entry(sim, 200);
        await SimHarness.WaitUntil(async () => (await Entry(sim, 200))["lock"] is null);

        // Assert
        locked["lock"]!.GetValue<string>().Should().Be("backup");
    }

    [Fact]
    public async Task Data_written_to_a_storage_shows_in_its_resources_entry()
    {
        // Arrange
        await using var sim = new SimHarness();
        var before = await StorageDisk(sim, "local-lvm");

        // Act
        await sim.CreateOk(200, "local-lvm:8");
        var after = await StorageDisk(sim, "local-lvm");

        // Assert
        after.Should().BeGreaterThan(before);
    }

    [Fact]
    public async Task A_running_containers_uptime_moves_on_between_reads_without_any_change()
    {
        // Arrange: at 1000x, a simulated second passes every real millisecond.
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:1");
        await sim.StartOk(200);
        var first = (await Entry(sim, 200))["uptime"]!.GetValue<long>();

        // Act
        await SimHarness.WaitUntil(async () => (await Entry(sim, 200))["uptime"]!.GetValue<long>() > first);
        var resource = await Entry(sim, 200);
        var status = await sim.Status(200);

        // Assert: the same figures status/current reports (uptime read just after, so never less).
        status["uptime"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(resource["uptime"]!.GetValue<long>());
        resource["maxmem"]!.GetValue<long>().Should().Be(status["maxmem"]!.GetValue<long>());
        resource["mem"]!.GetValue<long>().Should().Be(status["mem"]!.GetValue<long>());
        resource["maxdisk"]!.GetValue<long>().Should().Be(status["maxdisk"]!.GetValue<long>());
        resource["disk"]!.GetValue<long>().Should().Be(status["disk"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_type_filter_picks_containers_nodes_or_storages_in_that_order()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:1");

        // Act
        var all = await sim.List("/cluster/resources");
        var nodes = await sim.List("/cluster/resources", ("type", "node"));
        var storages = await sim.List("/cluster/resources", ("type", "storage"));
        var sdn = await sim.List("/cluster/resources", ("type", "sdn"));

        // Assert
        all.Select(r => (string)r!["type"]!).Distinct().Should().Equal("lxc", "node", "storage");
        nodes.Select(r => (string)r!["id"]!).Should().Equal("node/pve");
        storages.Select(r => (string)r!["storage"]!).Should().Equal("local", "local-hdd", "local-lvm");
        sdn.Should().BeEmpty();
    }

    private static async Task<JsonObject> Entry(SimHarness sim, int vmid) =>
        (JsonObject)(await sim.List("/cluster/resources", ("type", "vm"))).Single(r => (int)r!["vmid"]! == vmid)!;

    private static async Task<long> StorageDisk(SimHarness sim, string storage) =>
        (long)(await sim.List("/cluster/resources", ("type", "storage"))).Single(r => (string)r!["storage"]! == storage)!["disk"]!;
}
