namespace LxcForge.Simulator.Tests.Engine;

public sealed class ConfigSpecs
{
    [Fact]
    public async Task Setting_net0_stores_it_canonically_with_a_new_mac_when_hwaddr_is_left_out()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act
        (await sim.Put("/nodes/pve/lxc/200/config", ("net0", "ip=10.0.30.11/24,name=eth0,bridge=vmbr2"))).Should().BeNull();
        var first = (string)(await sim.Config(200))["net0"]!;
        await sim.Put("/nodes/pve/lxc/200/config", ("net0", "ip=10.0.30.11/24,name=eth0,bridge=vmbr2"));
        var second = (string)(await sim.Config(200))["net0"]!;

        // Assert
        first.Should().MatchRegex("^name=eth0,bridge=vmbr2,hwaddr=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},ip=10.0.30.11/24,type=veth$");
        second.Should().NotBe(first);
    }

    [Fact]
    public async Task On_a_running_container_memory_applies_at_once_and_features_wait_in_pending()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act
        await sim.Put("/nodes/pve/lxc/200/config", ("memory", "4096"), ("features", "nesting=1,keyctl=1"));
        var shown = await sim.Config(200);
        var current = (await sim.Get("/nodes/pve/lxc/200/config", ("current", "1")))!.AsObject();

        // Assert
        ((long)current["memory"]!).Should().Be(4096);
        current.ContainsKey("features").Should().BeFalse();
        ((string)shown["features"]!).Should().Be("keyctl=1,nesting=1");
    }

    [Fact]
    public async Task Pending_changes_apply_at_the_next_start()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);
        await sim.Put("/nodes/pve/lxc/200/config", ("nameserver", "10.0.30.1"));

        // Act
        await sim.Run("POST", "/nodes/pve/lxc/200/status/stop");
        await sim.StartOk(200);
        var current = (await sim.Get("/nodes/pve/lxc/200/config", ("current", "1")))!.AsObject();

        // Assert
        ((string)current["nameserver"]!).Should().Be("10.0.30.1");
    }

    [Fact]
    public async Task Config_errors_come_back_as_proxmox_sends_them()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        var digest = (string)(await sim.Config(200))["digest"]!;
        await sim.Put("/nodes/pve/lxc/200/config", ("cores", "2"));

        // Act / Assert
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/config"), 500, "no options specified");
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/config", ("delete", "memory")), 500, "unable to delete required option 'memory'");
        await SimHarness.Fails(
            () => sim.Put("/nodes/pve/lxc/200/config", ("cores", "4"), ("digest", digest)),
            500,
            "detected modified configuration - file changed by other user? Try again."
        );
        (await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/config", ("net0", "bridge=vmbr2")), 400, "Parameter verification failed."))
            .Errors["net0"]
            .Should()
            .Contain("name");
        await SimHarness.Fails(() => sim.Get("/nodes/pve/lxc/201/config"), 500, "Configuration file 'nodes/pve/lxc/201.conf' does not exist");
    }

    [Fact]
    public async Task A_locked_container_refuses_config_changes()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.HoldLock(200, "backup", TimeSpan.FromHours(1));

        // Act / Assert
        await SimHarness.Fails(() => sim.Put("/nodes/pve/lxc/200/config", ("cores", "2")), 500, "CT is locked (backup)");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/template"), 500, "CT is locked (backup)");
    }

    [Fact]
    public async Task Deleting_an_option_removes_it()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("onboot", "true"));

        // Act
        var before = await sim.Config(200);
        await sim.Put("/nodes/pve/lxc/200/config", ("delete", "onboot"));
        var after = await sim.Config(200);

        // Assert
        ((long)before["onboot"]!).Should().Be(1);
        after.ContainsKey("onboot").Should().BeFalse();
    }
}
