using LxcForge.Simulator.Tests.Engine;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary>pct against the real simulated cluster: what it prints, how it exits, and the state afterwards.</summary>
public sealed class PctSpecs
{
    [Fact]
    public async Task I_can_build_a_template_with_pct_create_and_pct_template()
    {
        // Arrange
        await using var cli = new NodeCliHarness();

        // Act
        await cli.Template(900, "tpl-postgres");
        var list = await cli.Ok("pct", "list");
        var config = await cli.Ok("pct", "config", "900");

        // Assert
        list.Should().Be("VMID       Status     Lock         Name                \n" + "900        stopped                 tpl-postgres        \n");
        config
            .Should()
            .Contain("hostname: tpl-postgres\n")
            .And.Contain("rootfs: local-hdd:900/base-900-disk-0.raw,size=8G\n")
            .And.Contain("template: 1\n")
            .And.NotContain("digest");
        config.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[0]).Should().BeInAscendingOrder(StringComparer.Ordinal);
        ((string)(await cli.Sim.Config(900))["template"]!.ToString()).Should().Be("1");
    }

    [Fact]
    public async Task Pct_template_exits_0_even_when_its_worker_fails_and_prints_the_error()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "901", SimHarness.Debian12, "--rootfs", "local-hdd:4");
        cli.Sim.Cluster.Faults.FailNextTasks("vztemplate", 1, "simulated template failure");

        // Act
        var result = await cli.Run("pct", "template", "901");

        // Assert
        result.ExitCode.Should().Be(0);
        result.StandardError.Should().Contain("simulated template failure");
        (await cli.Sim.Config(901)).ContainsKey("template").Should().BeFalse();
    }

    [Fact]
    public async Task A_check_before_the_worker_fails_pct_template_with_255()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Template(900, "tpl");

        // Act
        var result = await cli.Run("pct", "template", "900");

        // Assert
        result.Should().Be(new CommandResult(255, "", "you can't convert a template to a template\n"));
    }

    [Fact]
    public async Task I_can_full_clone_a_template_to_the_service_storage_with_pct_clone()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Template(900, "tpl-postgres");

        // Act
        var result = await cli.Run("pct", "clone", "900", "200", "--full", "--storage", "local-lvm", "--hostname", "postgres");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().NotContain("TASK OK");
        var config = await cli.Sim.Config(200);
        ((string)config["hostname"]!).Should().Be("postgres");
        ((string)config["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=8G");
        config.ContainsKey("lock").Should().BeFalse();
        (await cli.Ok("pct", "list")).Should().Contain("200        stopped                 postgres");
    }

    [Fact]
    public async Task Pct_clone_with_storage_but_without_full_is_refused_before_anything_is_copied()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Template(900, "tpl");

        // Act
        var result = await cli.Run("pct", "clone", "900", "201", "--storage", "local-lvm");

        // Assert
        result.Should().Be(new CommandResult(255, "", "parameter 'storage' not allowed for linked clones\n"));
        (await cli.Sim.List("/nodes/pve/lxc")).Should().HaveCount(1);
    }

    [Fact]
    public async Task Cloning_onto_an_existing_id_fails_with_255_and_leaves_the_source_unlocked()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Template(900, "tpl");
        await cli.Ok("pct", "clone", "900", "200", "--full", "--storage", "local-lvm");

        // Act
        var result = await cli.Run("pct", "clone", "900", "200", "--full", "--storage", "local-lvm");

        // Assert
        result.Should().Be(new CommandResult(255, "", "CT 200 already exists on node 'pve'\n"));
        (await cli.Sim.Config(900)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task Start_status_set_stop_and_destroy_work_as_on_a_node()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "200", SimHarness.Debian12, "--rootfs", "local-lvm:8", "--hostname", "web", "--memory", "512");

        // Act
        await cli.Ok("pct", "start", "200");
        var running = await cli.Ok("pct", "status", "200");
        var again = await cli.Run("pct", "start", "200");
        var verbose = await cli.Ok("pct", "status", "200", "--verbose");
        await cli.Ok("pct", "set", "200", "-memory", "1024", "-onboot", "yes");
        var destroyRunning = await cli.Run("pct", "destroy", "200");
        await cli.Ok("pct", "stop", "200");
        var stopped = await cli.Ok("pct", "status", "200");
        var config = await cli.Sim.Config(200);
        await cli.Ok("pct", "destroy", "200");
        var missing = await cli.Run("pct", "status", "200");

        // Assert
        running.Should().Be("status: running\n");
        again.Should().Be(new CommandResult(255, "", "CT 200 already running\n"));
        verbose.Should().Contain("status: running\n").And.Contain("vmid: 200\n").And.NotContain("cpu:");
        ((string)config["memory"]!.ToString()).Should().Be("1024");
        ((string)config["onboot"]!.ToString()).Should().Be("1");
        destroyRunning.ExitCode.Should().Be(255);
        destroyRunning.StandardError.Should().Contain("container is running");
        stopped.Should().Be("status: stopped\n");
        missing.Should().Be(new CommandResult(255, "", "Configuration file 'nodes/pve/lxc/200.conf' does not exist\n"));
        (await cli.Ok("pct", "list")).Should().BeEmpty();
    }

    [Fact]
    public async Task Pct_set_delete_removes_options()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "200", SimHarness.Debian12, "--rootfs", "local-lvm:8", "--onboot", "1", "--description", "owner: lxcforge\nservice: web");

        // Act
        var before = await cli.Ok("pct", "config", "200");
        await cli.Ok("pct", "set", "200", "--delete", "onboot");

        // Assert
        before.Should().Contain("description: owner%3A lxcforge%0Aservice%3A web\n").And.Contain("onboot: 1\n");
        (await cli.Sim.Config(200)).ContainsKey("onboot").Should().BeFalse();
    }

    [Fact]
    public async Task Pct_unlock_removes_a_lock_and_fails_without_one()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "200", SimHarness.Debian12, "--rootfs", "local-lvm:8");
        cli.Sim.Cluster.Faults.HoldLock(200, "backup", TimeSpan.FromHours(1));
        var locked = await cli.Run("pct", "start", "200");

        // Act
        var unlock = await cli.Run("pct", "unlock", "200");
        var second = await cli.Run("pct", "unlock", "200");

        // Assert
        locked.Should().Be(new CommandResult(255, "", "CT is locked (backup)\n"));
        unlock.Should().Be(new CommandResult(0, "", ""));
        second.Should().Be(new CommandResult(255, "", "no lock found trying to remove any lock\n"));
        (await cli.Sim.Config(200)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task Pct_exec_runs_in_the_sandbox_with_stdin_environment_and_the_commands_exit_code()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "201", SimHarness.Debian12, "--rootfs", "local-lvm:8", "--hostname", "redis");
        await cli.Ok("pct", "start", "201");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["REDIS_PORT"] = "6379",
            ["SSL_CERT_FILE"] = "/etc/ssl/cert.pem",
        };

        // Act
        var result = await cli.CommandLine.RunAsync(
            "pve",
            "pct",
            ["exec", "201", "--", "sh", "-c", "mkdir -p /etc/redis && cat > /etc/redis/redis.conf && echo port=$REDIS_PORT; exit 7"],
            "requirepass from-stdin\n",
            environment
        );

        // Assert
        result.ExitCode.Should().Be(7, result.StandardError);
        result.StandardOutput.Should().Be("port=6379\n");
        File.ReadAllText(Path.Combine(cli.Sim.Cluster.SandboxRoot(201), "etc", "redis", "redis.conf")).Should().Be("requirepass from-stdin\n");
        var record = cli.Sim.Cluster.ExecHistory(201).Should().ContainSingle().Subject;
        record.StandardInput.Should().Be("requirepass from-stdin\n");
        record.Environment.Should().Contain("REDIS_PORT", "6379").And.Contain("container", "lxc").And.NotContainKey("SSL_CERT_FILE");
    }

    [Fact]
    public async Task Lxc_attach_runs_the_command_and_fails_like_lxc_for_a_stopped_container()
    {
        // Arrange
        await using var cli = new NodeCliHarness();
        await cli.Ok("pct", "create", "202", SimHarness.Debian12, "--rootfs", "local-lvm:8", "--hostname", "cache");

        // Act
        var stopped = await cli.Run("lxc-attach", "-n", "202", "--", "hostname");
        await cli.Ok("pct", "start", "202");
        var running = await cli.Run("lxc-attach", "-n", "202", "--clear-env", "--", "sh", "-c", "hostname; echo $PATH");

        // Assert
        stopped.ExitCode.Should().Be(1);
        stopped.StandardError.Should().Contain("Failed to get init pid");
        running.ExitCode.Should().Be(0, running.StandardError);
        running.StandardOutput.Should().Be("cache\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
    }
}
