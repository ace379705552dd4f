namespace LxcForge.Simulator.Tests.Engine;

public sealed class ExecSpecs
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public async Task Exec_runs_in_the_containers_sandbox_and_leaves_files_a_test_can_read()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(201, "local-lvm:8", ("hostname", "redis"));
        await sim.StartOk(201);

        // Act
        var result = await sim.Cluster.ExecAsync(
            201,
            ["sh", "-c", "mkdir -p /etc/redis && cat > /etc/redis/redis.conf && hostname && id -u"],
            "requirepass from-stdin\n",
            new Dictionary<string, string> { ["REDIS_PORT"] = "6379" }
        );

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Be("redis\n0\n");
        File.ReadAllText(Path.Combine(sim.Cluster.SandboxRoot(201), "etc", "redis", "redis.conf")).Should().Be("requirepass from-stdin\n");
        var record = sim.Cluster.ExecHistory(201).Should().ContainSingle().Subject;
        record.Command.Should().Equal("sh", "-c", "mkdir -p /etc/redis && cat > /etc/redis/redis.conf && hostname && id -u");
        record.StandardInput.Should().Be("requirepass from-stdin\n");
        record.Environment["REDIS_PORT"].Should().Be("6379");
        record.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Exec_returns_the_commands_own_exit_code_and_sees_the_environment()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act
        var result = await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo $GREETING; exit 3"], null, new Dictionary<string, string> { ["GREETING"] = "hello" });

        // Assert
        result.ExitCode.Should().Be(3);
        result.StandardOutput.Should().Be("hello\n");
    }

    [Fact]
    public async Task Exec_in_a_stopped_container_fails_as_pct_does()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(() => sim.Cluster.ExecAsync(200, ["true"], null, NoEnv), 500, "container '200' not running!");
        await SimHarness.Fails(() => sim.Cluster.ExecAsync(299, ["true"], null, NoEnv), 500, "Configuration file 'nodes/pve/lxc/299.conf' does not exist");
        sim.Cluster.ExecHistory(200).Should().BeEmpty();
    }

    [Fact]
    public async Task The_address_appears_on_eth0_only_once_the_network_is_up()
    {
        // Arrange
        await using var sim = new SimHarness(
            factor: 1,
            timeModel: new LxcForge.Simulator.Engine.TimeModel { StartDuration = TimeSpan.FromMilliseconds(10), NetworkDelay = TimeSpan.FromSeconds(2) }
        );
        await sim.CreateOk(200, "local-lvm:1", ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.10/24,gw=10.0.30.1"));
        await sim.StartOk(200);

        // Act
        var early = await sim.Cluster.ExecAsync(200, ["ip", "-4", "addr", "show", "dev", "eth0"], null, NoEnv);
        string? late = null;
        await SimHarness.WaitUntil(async () =>
        {
            var r = await sim.Cluster.ExecAsync(200, ["ip", "-4", "addr", "show", "dev", "eth0"], null, NoEnv);
            late = r.StandardOutput;
            return r.ExitCode == 0;
        });

        // Assert
        early.ExitCode.Should().NotBe(0);
        late.Should().Contain("inet 10.0.30.10/24");
    }

    [Fact]
    public async Task A_clone_copies_the_sandbox_and_destroy_removes_it()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);
        await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo data > /root/marker"], null, NoEnv);
        await sim.Run("POST", "/nodes/pve/lxc/200/status/stop");

        // Act
        (await sim.Run("POST", "/nodes/pve/lxc/200/clone", ("newid", "201"), ("hostname", "copy"))).Should().Be("OK");
        await sim.StartOk(201);
        var read = await sim.Cluster.ExecAsync(201, ["sh", "-c", "cat /root/marker; cat /etc/hostname"], null, NoEnv);
        await sim.Run("DELETE", "/nodes/pve/lxc/200");

        // Assert
        read.StandardOutput.Should().Be("data\ncopy\n");
        Directory.Exists(sim.Cluster.SandboxRoot(200)).Should().BeFalse();
    }
}
