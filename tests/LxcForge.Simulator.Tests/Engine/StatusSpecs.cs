namespace LxcForge.Simulator.Tests.Engine;

public sealed class StatusSpecs
{
    [Fact]
    public async Task Start_ends_with_the_container_running_and_stop_ends_with_it_stopped()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act
        var start = (string)(await sim.Post("/nodes/pve/lxc/200/status/start"))!;
        var exit = await sim.WaitTask(start);
        var running = await sim.Status(200);
        var stop = await sim.Run("POST", "/nodes/pve/lxc/200/status/stop");
        var stopped = await sim.Status(200);

        // Assert
        start.Should().Contain(":vzstart:200:root@pam:");
        exit.Should().Be("OK");
        ((string)running["status"]!).Should().Be("running");
        stop.Should().Be("OK");
        ((string)stopped["status"]!).Should().Be("stopped");
    }

    [Fact]
    public async Task Starting_a_running_container_and_stopping_a_stopped_one_fail_at_once()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/status/stop"), 500, "CT 200 not running");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/status/shutdown"), 500, "CT 200 not running");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/status/reboot"), 500, "VM 200 not running");
        await sim.StartOk(200);
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/status/start"), 500, "CT 200 already running");
    }

    [Fact]
    public async Task Start_of_a_locked_container_fails_in_its_task_unless_skiplock()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.HoldLock(200, "backup", TimeSpan.FromHours(1));

        // Act
        var locked = await sim.Run("POST", "/nodes/pve/lxc/200/status/start");
        var skipped = await sim.Run("POST", "/nodes/pve/lxc/200/status/start", ("skiplock", "1"));

        // Assert
        locked.Should().Be("CT is locked (backup)");
        skipped.Should().Be("OK");
    }

    [Fact]
    public async Task A_template_cannot_be_started()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc/900/status/start");

        // Assert
        exit.Should().Be("you can't start a CT if it's a template");
    }

    [Fact]
    public async Task Shutdown_without_force_fails_when_the_timeout_is_shorter_than_the_shutdown()
    {
        // Arrange
        await using var sim = new SimHarness(timeModel: new LxcForge.Simulator.Engine.TimeModel { ShutdownDuration = TimeSpan.FromSeconds(30) });
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act
        var failed = await sim.Run("POST", "/nodes/pve/lxc/200/status/shutdown", ("timeout", "5"));
        var stillRunning = (string)(await sim.Status(200))["status"]!;
        var forced = await sim.Run("POST", "/nodes/pve/lxc/200/status/shutdown", ("timeout", "5"), ("forceStop", "1"));

        // Assert
        failed.Should().Be("container did not stop");
        stillRunning.Should().Be("running");
        forced.Should().Be("OK");
        ((string)(await sim.Status(200))["status"]!).Should().Be("stopped");
    }
}
