namespace LxcForge.Simulator.Tests.Engine;

public sealed class ResizeSpecs
{
    [Theory]
    [InlineData("+10G", "local-lvm:vm-200-disk-0,size=18G")]
    [InlineData("20G", "local-lvm:vm-200-disk-0,size=20G")]
    [InlineData("9663676416", "local-lvm:vm-200-disk-0,size=9G")]
    [InlineData("+512M", "local-lvm:vm-200-disk-0,size=8704M")]
    public async Task Resize_grows_the_disk_and_records_the_new_size(string size, string rootfs)
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act
        var exit = await sim.Run("PUT", "/nodes/pve/lxc/200/resize", ("disk", "rootfs"), ("size", size));

        // Assert
        exit.Should().Be("OK");
        ((string)(await sim.Config(200))["rootfs"]!).Should().Be(rootfs);
    }

    [Fact]
    public async Task Resize_refuses_to_shrink_or_to_stay_the_same()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/resize", ("disk", "rootfs"), ("size", "4G")), 500, "unable to shrink disk size");
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/resize", ("disk", "rootfs"), ("size", "8G")), 500, "disk is already at specified size");
        (await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/resize", ("disk", "rootfs"), ("size", "big")), 400, "Parameter verification failed."))
            .Errors.Should()
            .ContainKey("size");
        ((string)(await sim.Config(200))["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=8G");
    }

    [Fact]
    public async Task A_locked_container_is_not_resized()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.HoldLock(200, "backup", TimeSpan.FromHours(1));

        // Act / Assert
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/resize", ("disk", "rootfs"), ("size", "+1G")), 500, "CT is locked (backup)");
    }
}
