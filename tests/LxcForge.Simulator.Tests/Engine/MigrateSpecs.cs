using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class MigrateSpecs
{
    [Fact]
    public async Task A_stopped_container_moves_with_its_local_disk_to_the_target_node()
    {
        // Arrange
        await using var sim = new SimHarness(ClusterProfile.WithNodes(2)) { Node = "pve1" };
        await sim.CreateOk(200, "local-lvm:4");

        // Act
        var exit = await sim.Run("POST", "/nodes/pve1/lxc/200/migrate", ("target", "pve2"));
        var onPve2 = new SimHarness(sim.Cluster) { Node = "pve2" };
        var config = await onPve2.Config(200);

        // Assert
        exit.Should().Be("OK");
        ((string)config["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=4G");
        (await sim.List("/nodes/pve1/storage/local-lvm/content")).Should().BeEmpty();
        (await sim.List("/nodes/pve2/storage/local-lvm/content")).Should().ContainSingle();
        await SimHarness.Fails(() => sim.Get("/nodes/pve1/lxc/200/config"), 500, "Configuration file 'nodes/pve1/lxc/200.conf' does not exist");
    }

    [Fact]
    public async Task A_running_container_needs_restart_mode_and_runs_again_on_the_target()
    {
        // Arrange
        await using var sim = new SimHarness(ClusterProfile.WithNodes(2)) { Node = "pve1" };
        await sim.CreateOk(200, "local-lvm:4");
        await sim.StartOk(200);

        // Act
        await SimHarness.Fails(() => sim.Post("/nodes/pve1/lxc/200/migrate", ("target", "pve2")), 500, "CT 200 is running - use --restart or --online");
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve1/lxc/200/migrate", ("target", "pve2"), ("online", "1")),
            500,
            "lxc live migration is currently not implemented"
        );
        var exit = await sim.Run("POST", "/nodes/pve1/lxc/200/migrate", ("target", "pve2"), ("restart", "1"));

        // Assert
        exit.Should().Be("OK");
        ((string)(await new SimHarness(sim.Cluster) { Node = "pve2" }.Status(200))["status"]!).Should().Be("running");
    }
}
