using LxcForge.Simulator.Engine.Faults;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class FaultSpecs
{
    [Fact]
    public async Task The_next_n_tasks_of_a_type_fail_and_then_they_work_again()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.FailNextTasks("vzstart", 2, "startup for container '200' failed");

        // Act
        var first = await sim.Run("POST", "/nodes/pve/lxc/200/status/start");
        var second = await sim.Run("POST", "/nodes/pve/lxc/200/status/start");
        var third = await sim.Run("POST", "/nodes/pve/lxc/200/status/start");

        // Assert
        first.Should().Be("startup for container '200' failed");
        second.Should().Be("startup for container '200' failed");
        third.Should().Be("OK");
    }

    [Fact]
    public async Task Injected_call_failures_hit_only_matching_paths()
    {
        // Arrange
        await using var sim = new SimHarness();
        sim.Cluster.Faults.FailNextCalls(1, 503, "service unavailable", pathContains: "/cluster/");

        // Act
        var version = await sim.Get("/version");
        await SimHarness.Fails(() => sim.Get("/cluster/resources"), 503, "service unavailable");
        var resources = await sim.List("/cluster/resources");

        // Assert
        version.Should().NotBeNull();
        resources.Should().NotBeNull();
    }

    [Fact]
    public async Task Write_calls_are_counted_so_a_test_can_assert_none_happened()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.Reset();

        // Act
        await sim.Config(200);
        await sim.List("/cluster/resources");
        var afterReads = sim.Cluster.Faults.WriteCalls;
        await sim.Put("/nodes/pve/lxc/200/config", ("cores", "2"));

        // Assert
        afterReads.Should().Be(0);
        sim.Cluster.Faults.WriteCalls.Should().Be(1);
        sim.Cluster.Faults.Calls("GET").Should().Be(2);
        sim.Cluster.Faults.CallsTo("PUT", "/nodes/pve/lxc/200/config").Should().Be(1);
    }

    [Fact]
    public async Task A_dropped_response_still_performs_the_call()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.DropNextResponses(1);

        // Act
        var act = () => sim.Post("/nodes/pve/lxc/200/status/start");

        // Assert
        await act.Should().ThrowAsync<SimulatedDropException>();
        await SimHarness.WaitUntil(async () => (string?)(await sim.Status(200))["status"] == "running");
    }

    [Fact]
    public async Task A_held_lock_goes_away_after_its_simulated_duration()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);

        // Act
        sim.Cluster.Faults.HoldLock(900, "backup", TimeSpan.FromSeconds(30));
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1")), 500, "CT is locked (backup)");
        await SimHarness.WaitUntil(async () => !(await sim.Config(900)).ContainsKey("lock"));

        // Assert
        (await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"))).Should().Be("OK");
    }

    [Fact]
    public async Task A_full_storage_makes_a_create_fail_as_tar_fails()
    {
        // Arrange
        await using var sim = new SimHarness();
        sim.Cluster.Faults.FillStorage("local-lvm");

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local-lvm:8"));

        // Assert
        exit.Should().StartWith("unable to create CT 200 - command 'lxc-usernsexec ").And.EndWith("' failed: exit code 2");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
        ((long)(await sim.Get("/nodes/pve/storage/local-lvm/status"))!["avail"]!).Should().Be(0);
    }

    [Fact]
    public async Task A_call_delay_costs_simulated_time()
    {
        // Arrange
        await using var sim = new SimHarness();
        sim.Cluster.Faults.CallDelay = TimeSpan.FromSeconds(30);
        var before = sim.Cluster.SimulatedElapsed;

        // Act
        await sim.Get("/version");

        // Assert
        (sim.Cluster.SimulatedElapsed - before).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }
}
