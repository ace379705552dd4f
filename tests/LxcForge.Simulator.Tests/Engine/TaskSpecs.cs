using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class TaskSpecs
{
    [Fact]
    public async Task A_task_is_running_until_its_work_ends_then_stopped_with_its_exit_status()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 1);
        await using var fast = new SimHarness();

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local-hdd:8")))!;
        var during = (await sim.Get($"/nodes/pve/tasks/{upid}/status"))!.AsObject();

        // Assert
        ((string)during["status"]!).Should().Be("running");
        during.ContainsKey("exitstatus").Should().BeFalse();
        ((string)during["type"]!).Should().Be("vzcreate");
        ((string)during["id"]!).Should().Be("200");
        ((string)during["user"]!).Should().Be("root@pam");
        ((string)during["node"]!).Should().Be("pve");
    }

    [Fact]
    public async Task A_failed_task_logs_task_error_with_its_message()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.FailNextTasks("vzstart", 1, "startup for container '200' failed");

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc/200/status/start"))!;
        var exit = await sim.WaitTask(upid);
        var log = await sim.TaskLog(upid);

        // Assert
        exit.Should().Be("startup for container '200' failed");
        log.Should().EndWith("TASK ERROR: startup for container '200' failed");
        ((string)(await sim.Status(200))["status"]!).Should().Be("stopped");
    }

    [Fact]
    public async Task The_task_list_filters_by_vmid_type_and_errors()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.CreateOk(201);
        sim.Cluster.Faults.FailNextTasks("vzstart", 1, "boom");
        await sim.Run("POST", "/nodes/pve/lxc/201/status/start");

        // Act
        var for201 = (JsonArray)(await sim.Get("/nodes/pve/tasks", ("vmid", "201")))!;
        var creates = (JsonArray)(await sim.Get("/nodes/pve/tasks", ("typefilter", "vzcreate")))!;
        var errors = (JsonArray)(await sim.Get("/nodes/pve/tasks", ("errors", "1")))!;

        // Assert
        for201.Select(t => (string)t!["type"]!).Should().Equal("vzstart", "vzcreate");
        creates.Should().HaveCount(2);
        errors.Select(t => (string)t!["status"]!).Should().Equal("boom");
    }

    [Fact]
    public async Task An_unknown_task_is_an_error()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act / Assert
        await SimHarness.Fails(() => sim.Get("/nodes/pve/tasks/UPID:pve:00000001:00000001:00000001:vzstart:1:root@pam:/status"), 500, "no such task");
    }
}
