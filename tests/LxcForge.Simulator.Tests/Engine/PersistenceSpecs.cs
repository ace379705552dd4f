using LxcForge.Simulator.Engine;
using LxcForge.Testing.Utils;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class PersistenceSpecs
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public async Task A_saved_cluster_loads_with_its_containers_storage_tasks_and_sandboxes()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("home.json");
        string cloneUpid;
        await using (var sim = new SimHarness())
        {
            await sim.TemplateOk(900, "local-hdd:8", ("hostname", "tpl"));
            cloneUpid = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"), ("hostname", "svc")))!;
            await sim.WaitTask(cloneUpid);
            await sim.StartOk(200);
            await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo kept > /root/file"], "in", NoEnv);
            await sim.Put(
                "/nodes/pve/lxc/200/config",
                ("nameserver", "10.0.30.1"),
                ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.10/24,hwaddr=BC:24:11:00:00:01")
            );
            await sim.Cluster.WaitForIdleAsync(TimeSpan.FromSeconds(10));
            sim.Cluster.Save(path);
        }

        // Act
        await using var loaded = SimulatorCluster.Load(path, new SimulatorOptions { TimeFactor = 1000 });
        var again = new SimHarness(loaded);
        var config = await again.Config(200);
        var status = await again.Status(200);
        var clone = await again.Get($"/nodes/pve/tasks/{cloneUpid}/status");
        var read = await loaded.ExecAsync(200, ["cat", "/root/file"], null, NoEnv);

        // Assert
        File.Exists(path).Should().BeTrue();
        Directory.Exists(SimulatorCluster.StateDirectoryFor(path)).Should().BeTrue();
        ((string)config["hostname"]!).Should().Be("svc");
        ((string)config["net0"]!).Should().Be("name=eth0,bridge=vmbr2,hwaddr=BC:24:11:00:00:01,ip=10.0.30.10/24,type=veth");
        ((string)config["nameserver"]!).Should().Be("10.0.30.1");
        (await again.Get("/nodes/pve/lxc/200/config", ("current", "1")))!.AsObject().ContainsKey("nameserver").Should().BeFalse();
        ((string)status["status"]!).Should().Be("running");
        ((string)clone!["exitstatus"]!).Should().Be("OK");
        read.StandardOutput.Should().Be("kept\n");
        loaded.ExecHistory(200).Should().HaveCount(2);
        loaded.ExecHistory(200)[0].StandardInput.Should().BeNull("stdin carries secrets and is never saved");
        (await again.List("/nodes/pve/storage/local-lvm/content")).Select(v => (string)v!["volid"]!).Should().Equal("local-lvm:vm-200-disk-0");
        loaded.SimulatedElapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Open_makes_a_fresh_cluster_the_first_time_and_loads_it_afterwards()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("sims", "lab.json");

        // Act
        await using (var first = SimulatorCluster.Open(path, options: new SimulatorOptions { TimeFactor = 1000 }))
        {
            var sim = new SimHarness(first);
            await sim.CreateOk(150, "local-lvm:1");
            await first.WaitForIdleAsync(TimeSpan.FromSeconds(10));
            first.Save(path);
        }

        await using var second = SimulatorCluster.Open(path, options: new SimulatorOptions { TimeFactor = 1000 });
        var list = await new SimHarness(second).List("/nodes/pve/lxc");

        // Assert
        list.Select(c => (int)c!["vmid"]!).Should().Equal(150);
        second.StateDirectory.Should().Be(SimulatorCluster.StateDirectoryFor(path));
    }

    [Fact]
    public void A_file_that_is_not_a_state_file_is_refused_naming_it()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("broken.json");
        File.WriteAllText(path, "{ not json");

        // Act
        var act = () => SimulatorCluster.Load(path);

        // Assert
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: not a simulator state file*");
    }

    [Fact]
    public async Task The_saved_state_is_owner_only_holds_no_exec_stdin_and_a_looser_file_is_tightened_on_load()
    {
        if (OperatingSystem.IsWindows())
            return;

        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("lab.json");
        await using (var sim = new SimHarness())
        {
            await sim.TemplateOk(900, "local-hdd:8", ("hostname", "tpl"));
            var upid = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"), ("hostname", "svc")))!;
            await sim.WaitTask(upid);
            await sim.StartOk(200);
            await sim.Cluster.ExecAsync(200, ["sh", "-c", "read -r p; echo ok"], "SuperSecretPassword42\n", NoEnv);
            await sim.Cluster.WaitForIdleAsync(TimeSpan.FromSeconds(10));
            sim.Cluster.Save(path);
        }

        // Act
        var text = await File.ReadAllTextAsync(path);
        var saved = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        await using (SimulatorCluster.Load(path)) { }

        // Assert
        text.Should().NotContain("SuperSecretPassword42");
        saved.Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
