using LxcForge.Simulator.Engine;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class InterfaceSpecs
{
    [Fact]
    public async Task Eth0_shows_its_address_only_once_the_network_is_up()
    {
        // Arrange
        await using var sim = new SimHarness(
            factor: 1,
            timeModel: new TimeModel { StartDuration = TimeSpan.FromMilliseconds(10), NetworkDelay = TimeSpan.FromSeconds(2) }
        );
        await sim.CreateOk(200, "local-lvm:1", ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.10/24,hwaddr=BC:24:11:00:00:10"));
        await SimHarness.Fails(() => sim.Get("/nodes/pve/lxc/200/interfaces"), 500, "CT 200 not running");
        await sim.StartOk(200);

        // Act
        var early = await sim.List("/nodes/pve/lxc/200/interfaces");
        await SimHarness.WaitUntil(async () => (await sim.List("/nodes/pve/lxc/200/interfaces"))[1]!.AsObject().ContainsKey("inet"));
        var late = await sim.List("/nodes/pve/lxc/200/interfaces");

        // Assert
        early.Select(i => (string)i!["name"]!).Should().Equal("lo", "eth0");
        early[1]!.AsObject().ContainsKey("inet").Should().BeFalse();
        ((string)late[1]!["inet"]!).Should().Be("10.0.30.10/24");
        ((string)late[1]!["hwaddr"]!).Should().Be("BC:24:11:00:00:10");
    }
}
