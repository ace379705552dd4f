namespace LxcForge.Simulator.Tests.Engine;

public sealed class DestroySpecs
{
    [Fact]
    public async Task Destroy_removes_the_config_and_frees_the_disks()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act
        var exit = await sim.Run("DELETE", "/nodes/pve/lxc/200");

        // Assert
        exit.Should().Be("OK");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
        (await sim.List("/nodes/pve/storage/local-lvm/content")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_running_container_is_destroyed_only_with_force()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act
        await SimHarness.Fails(() => sim.Delete("/nodes/pve/lxc/200"), 500, "unable to destroy CT 200 - container is running");
        var forced = await sim.Run("DELETE", "/nodes/pve/lxc/200", ("force", "1"));

        // Assert
        forced.Should().Be("OK");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_protected_container_is_not_destroyed()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("protection", "1"));

        // Act / Assert
        await SimHarness.Fails(() => sim.Delete("/nodes/pve/lxc/200"), 500, "can't remove CT 200 - protection mode enabled");
        (await sim.List("/nodes/pve/lxc")).Should().HaveCount(1);
    }
}
