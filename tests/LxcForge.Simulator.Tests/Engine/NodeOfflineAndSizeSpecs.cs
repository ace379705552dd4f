using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Testing.Utils;

namespace LxcForge.Simulator.Tests.Engine;

/// <summary>Sizes Proxmox's storages refuse, and a node taken off the network (before and during a run).</summary>
public sealed class NodeOfflineAndSizeSpecs
{
    [Fact]
    public async Task A_root_disk_larger_than_LVM_can_hold_fails_the_create_in_lvcreates_words_and_nothing_is_stored()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local-lvm:99999999999999"));

        // Assert
        exit.Should()
            .StartWith("unable to create CT 200 - lvcreate 'local-lvm/vm-200-disk-0' error:   Volume too large (")
            .And.EndWith("for extent size 4.00 MiB. Upper limit is 16.00 PiB.");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
        (await sim.List("/nodes/pve/storage/local-lvm/content")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_taken_offline_answers_595_no_route_to_host_is_listed_offline_and_answers_again_when_back()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act
        sim.Cluster.Faults.SetNodeOffline("pve");
        var nodes = await sim.List("/nodes");
        var down = await Catch(() => sim.Get("/nodes/pve/lxc/200/status/current"));
        var exec = await Catch(() => sim.Cluster.ExecAsync(200, ["true"], null, new Dictionary<string, string>()));
        sim.Cluster.Faults.SetNodeOffline("pve", offline: false);
        var back = await sim.Get("/nodes/pve/lxc/200/status/current");

        // Assert
        ((string)nodes.Single()!["status"]!).Should().Be("offline");
        down!.StatusCode.Should().Be(595);
        down.Message.Should().StartWith("No route to host");
        exec!.StatusCode.Should().Be(595);
        back.Should().NotBeNull();
    }

    [Fact]
    public async Task Faults_armed_in_the_file_beside_a_kept_state_are_met_after_loading_and_what_is_left_is_saved_back()
    {
        if (OperatingSystem.IsWindows())
            return;

        // Arrange: what `lxcforge sim fault add` leaves for the next `--host sim://NAME` run.
        using var dir = TempDir.Create();
        var path = dir.Combine("lab.json");
        await using (SimulatorCluster.Open(path)) { }

        new FaultFile { Tasks = [new TaskFault("vzcreate", 2, "no luck")], OfflineNodes = ["pve"] }.Write(FaultFile.PathFor(path));

        // Act
        await using var loaded = SimulatorCluster.Load(path, new SimulatorOptions { TimeFactor = 1000 });
        var armed = loaded.Faults.Export();
        loaded.Faults.SetNodeOffline("pve", offline: false);
        loaded.Save(path);
        var left = FaultFile.Read(FaultFile.PathFor(path));

        // Assert
        armed.OfflineNodes.Should().Equal("pve");
        armed.Tasks.Should().Equal(new TaskFault("vzcreate", 2, "no luck"));
        left.OfflineNodes.Should().BeEmpty();
        left.Tasks.Should().ContainSingle();
        File.GetUnixFileMode(FaultFile.PathFor(path)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("{\"tasks\":[{\"type\":\"vzclone\",\"count\":-1,\"message\":\"x\"}]}", "'tasks[0].count'")]
    [InlineData("{\"delayMilliseconds\":1e300}", "'delayMilliseconds'")]
    [InlineData("{\"calls\":[{\"count\":1,\"status\":200,\"message\":\"x\"}]}", "'calls[0].status'")]
    public async Task An_absurd_value_in_a_fault_file_is_refused_naming_its_field(string json, string field)
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("lab.json");
        await using (SimulatorCluster.Open(path)) { }

        await File.WriteAllTextAsync(FaultFile.PathFor(path), json);

        // Act
        var load = () => SimulatorCluster.Load(path);

        // Assert
        load.Should().Throw<InvalidDataException>().WithMessage($"*{field}*");
    }

    private static async Task<PveApiException?> Catch(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (PveApiException e)
        {
            return e;
        }
    }
}
