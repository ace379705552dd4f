using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class SnapshotSpecs
{
    [Fact]
    public async Task I_can_snapshot_change_and_roll_back_config_and_files()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("memory", "1024"));
        await sim.StartOk(200);
        await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo before > /root/state"], null, new Dictionary<string, string>());

        // Act
        (await sim.Run("POST", "/nodes/pve/lxc/200/snapshot", ("snapname", "pre_upgrade"), ("description", "before the upgrade"))).Should().Be("OK");
        await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo after > /root/state"], null, new Dictionary<string, string>());
        await sim.Put("/nodes/pve/lxc/200/config", ("memory", "4096"));
        var list = (JsonArray)(await sim.Get("/nodes/pve/lxc/200/snapshot"))!;
        (await sim.Run("POST", "/nodes/pve/lxc/200/snapshot/pre_upgrade/rollback", ("start", "1"))).Should().Be("OK");
        var read = await sim.Cluster.ExecAsync(200, ["cat", "/root/state"], null, new Dictionary<string, string>());

        // Assert
        list.Select(s => $"{s!["name"]}:{s["parent"]}").Should().Equal("pre_upgrade:", "current:pre_upgrade");
        ((string)list[0]!["description"]!).Should().Be("before the upgrade");
        ((long)(await sim.Config(200))["memory"]!).Should().Be(1024);
        read.StandardOutput.Should().Be("before\n");
        ((string)(await sim.Status(200))["status"]!).Should().Be("running");
    }

    [Fact]
    public async Task Snapshots_need_a_storage_with_snapshots_and_unique_names()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.CreateOk(201, "local-hdd:2");
        await sim.Run("POST", "/nodes/pve/lxc/200/snapshot", ("snapname", "one"));

        // Act / Assert
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/snapshot", ("snapname", "one")), 500, "snapshot name 'one' already used");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/201/snapshot", ("snapname", "one")), 500, "snapshot feature is not available");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/snapshot/two/rollback"), 500, "snapshot 'two' does not exist");
    }

    [Fact]
    public async Task A_container_with_snapshots_cannot_become_a_template_until_they_are_deleted()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(900);
        await sim.Run("POST", "/nodes/pve/lxc/900/snapshot", ("snapname", "s1"));

        // Act
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/900/template"), 500, "unable to create template, because CT contains snapshots");
        (await sim.Run("DELETE", "/nodes/pve/lxc/900/snapshot/s1")).Should().Be("OK");
        await sim.Post("/nodes/pve/lxc/900/template");

        // Assert
        await SimHarness.WaitUntil(async () => (await sim.Config(900)).ContainsKey("template"));
        (await sim.List("/nodes/pve/lxc/900/snapshot")).Should().ContainSingle();
    }
}
