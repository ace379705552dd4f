using LxcForge.Core.Hosting;
using LxcForge.Testing.Simulation;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>The API backend under the simulator's fault injection: failed tasks, held locks, 5xx, dropped connections.</summary>
public sealed class ApiFaultSpecs : IAsyncLifetime
{
    private const string Template = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";
    private SimulatedPve _pve = null!;

    public async Task InitializeAsync() => _pve = await SimulatedPve.StartAsync();

    public async Task DisposeAsync() => await _pve.DisposeAsync();

    private static CreateContainerRequest Create(int vmid) =>
        new(vmid, "pve", Template, "local-lvm")
        {
            Options = new Dictionary<string, string>
            {
                ["hostname"] = $"fault-{vmid}",
                ["rootfs"] = "local-lvm:1",
                ["net0"] = "name=eth0,bridge=vmbr2,ip=10.0.30.150/24",
            },
        };

    [Fact]
    public async Task A_failed_task_throws_with_the_tail_of_its_log()
    {
        // Arrange
        await using var host = _pve.Host();
        await host.CreateAsync(Create(300));
        _pve.Cluster.Faults.FailNextTasks("vzstart", 1, "simulated start failure: cgroup setup");

        // Act
        var error = await ((Func<Task>)(() => host.StartAsync(300))).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.TaskFailed);
        error.Which.TaskId.Should().StartWith("UPID:pve:").And.Contain(":vzstart:300:");
        error.Which.LogTail.Should().Contain(l => l.Contains("simulated start failure"));
        error.Which.Message.Should().Contain("Unable to start CT 300").And.Contain("simulated start failure");
        (await host.GetContainerAsync(300))!.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task A_lock_held_for_a_while_is_waited_out_and_the_change_goes_through()
    {
        // Arrange: 100 simulated seconds are 0.1 s here, less than the retries' patience
        var recorder = (RecordingHandler?)null;
        await using var host = _pve.Host(wrap: h => recorder = new RecordingHandler(h));
        await host.CreateAsync(Create(300));
        _pve.Cluster.Faults.HoldLock(300, "backup", TimeSpan.FromSeconds(100));

        // Act
        await host.UpdateConfigAsync(300, ConfigChange.Of(("memory", "768")));

        // Assert
        (await host.GetContainerAsync(300))!.Config.Memory.Should().Be(768);
        recorder!.Count("PUT", "/lxc/300/config").Should().BeGreaterThan(1, "the first attempt met the lock");
    }

    [Fact]
    public async Task A_lock_that_never_clears_ends_in_a_clear_lock_error()
    {
        // Arrange
        await using var host = _pve.Host();
        await host.CreateAsync(Create(300));
        _pve.Cluster.Faults.HoldLock(300, "backup", TimeSpan.FromDays(1));

        // Act
        var error = await ((Func<Task>)(() => host.UpdateConfigAsync(300, ConfigChange.Of(("memory", "768"))))).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.Locked);
        error.Which.Message.Should().Contain("CT 300").And.Contain("CT is locked (backup)").And.Contain("gave up after 5 attempts");
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_clone_happens_once()
    {
        // Arrange
        await using var host = _pve.Host();
        await host.CreateAsync(Create(900));
        _pve.Server.Faults.FailNext(2, 503, pathPattern: "/clone$", message: "Service Unavailable");

        // Act
        await host.CloneAsync(new CloneRequest(900, 200) { Hostname = "clone", Storage = "local-lvm" });

        // Assert
        (await host.GetContainerAsync(200))!.Config.Hostname.Should().Be("clone");
        _pve.Cluster.Faults.CallsTo("POST", "/nodes/pve/lxc/900/clone").Should().Be(1, "the 503s never reached the cluster");
    }

    [Fact]
    public async Task A_clone_whose_answer_was_lost_is_found_and_waited_for_not_cloned_again()
    {
        // Arrange
        RecordingHandler? recorder = null;
        await using var host = _pve.Host(wrap: h => recorder = new RecordingHandler(h));
        await host.CreateAsync(Create(900));
        recorder!.LoseAnswers(1, "/lxc/900/clone");

        // Act
        await host.CloneAsync(new CloneRequest(900, 200) { Hostname = "clone", Storage = "local-lvm" });

        // Assert
        var clone = (await host.GetContainerAsync(200))!;
        clone.Config.Hostname.Should().Be("clone");
        clone.Summary.Lock.Should().BeNull("the retry waited for the first attempt's task to finish");
        recorder.Count("POST", "/lxc/900/clone").Should().Be(1, "the retry read back that the clone exists instead of cloning again");
        _pve.Cluster.Faults.CallsTo("POST", "/nodes/pve/lxc/900/clone").Should().Be(1);
    }

    [Fact]
    public async Task A_connection_dropped_before_the_server_acted_is_retried_and_the_start_happens_once()
    {
        // Arrange
        await using var host = _pve.Host();
        await host.CreateAsync(Create(300));
        _pve.Server.Faults.DropNext(1, "/status/start$");

        // Act
        await host.StartAsync(300);

        // Assert
        (await host.GetContainerAsync(300))!.IsRunning.Should().BeTrue();
        _pve.Cluster.Faults.CallsTo("POST", "/nodes/pve/lxc/300/status/start").Should().Be(1);
    }

    [SkippableFact]
    public async Task A_resize_whose_answer_was_lost_grows_the_disk_once()
    {
        Skip.IfNot(SimulatorRoutes.Serves("PUT", "/nodes/{node}/lxc/{vmid}/resize"), "the simulator does not serve resize yet");

        // Arrange
        RecordingHandler? recorder = null;
        await using var host = _pve.Host(wrap: h => recorder = new RecordingHandler(h));
        await host.CreateAsync(Create(300));
        recorder!.LoseAnswers(1, "/lxc/300/resize");

        // Act: a relative size is sent as an absolute one, so repeating it cannot grow twice
        await host.ResizeAsync(300, "rootfs", "+2G");

        // Assert
        (await host.GetContainerAsync(300))!.Config.RootFs!.SizeBytes.Should().Be(DiskSize.GiB(3));
    }
}
