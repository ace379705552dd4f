using LxcForge.Core.Backups;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Recovery;

/// <summary>The fleet design's "container failure" for Redis (CT 201): back from its newest backup, or cloned again.</summary>
public sealed class RecoverWorkflowSpecs
{
    private static readonly FleetSpec Redis = SimulatedFleet.Only("redis");
    private static readonly ServiceInstance Instance = ReplicaPlanner.Instances(Redis)[0];

    private static async Task<SimulatedFleet> DeployedAsync()
    {
        var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(Redis)).Succeeded.Should().BeTrue();
        return sim;
    }

    [Fact]
    public async Task With_a_backup_the_newest_is_restored_over_the_failed_container_then_configured_and_checked_again()
    {
        // Arrange: a backup, then the data moves on and the service's configuration is lost.
        await using var sim = await DeployedAsync();
        await sim.ShellAsync(201, "echo 'in the backup' > /root/data.txt");
        var backup = await new BackupService(sim.Host).BackupAsync(Redis, 201);
        await sim.ShellAsync(201, "echo 'after the backup' > /root/data.txt; rm /etc/redis/redis.conf");

        // Act
        var result = await new RecoverWorkflow(sim.Workflow()).RunAsync(Redis, Instance, "recover redis");

        // Assert
        result.Problem.Should().BeNull();
        result.Route.Should().Be(RecoverRoute.Restored);
        result.Archive.Should().Be(backup.Backup.VolumeId);
        result.Deploy!.Outcomes.Should().ContainSingle(o => o.Service == "redis" && o.Result == DeployOutcomeKind.Done);
        (await sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("in the backup\n");
        (await sim.ShellAsync(201, "cat /etc/redis/redis.conf"))
            .Should()
            .Contain("bind 10.0.30.20 127.0.0.1", "the configuration is applied again after the restore");
    }

    [Fact]
    public async Task Without_a_backup_the_failed_container_is_removed_after_confirmation_and_cloned_again()
    {
        // Arrange
        await using var sim = await DeployedAsync();
        await sim.ShellAsync(201, "echo 'lost with the container' > /root/data.txt");
        var asked = 0;

        // Act
        var declined = await new RecoverWorkflow(sim.Workflow()) { ConfirmReclone = _ => ++asked < 0 }.RunAsync(Redis, Instance, "recover redis");
        var recovered = await new RecoverWorkflow(sim.Workflow()).RunAsync(Redis, Instance, "recover redis");

        // Assert
        declined.Confirmed.Should().BeFalse();
        declined.Deploy.Should().BeNull();
        asked.Should().Be(1);
        recovered.Route.Should().Be(RecoverRoute.Recloned);
        recovered.Deploy!.Outcomes.Single().Result.Should().Be(DeployOutcomeKind.Done);
        (await sim.ShellAsync(201, "cat /root/data.txt 2>/dev/null || echo gone")).Should().Be("gone\n");
        (await sim.Host.GetContainerAsync(201))!.IsRunning.Should().BeTrue();
    }

    [Fact]
    public async Task A_foreign_container_at_the_ctid_is_left_untouched()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Redis);
        var node = (await sim.Host.GetInfoAsync()).Nodes[0].Name;
        var os = (await sim.Host.GetOsTemplatesAsync(node, "local"))[0].VolumeId;
        await sim.Host.CreateAsync(
            new CreateContainerRequest(201, node, os, "local-lvm") { Options = new Dictionary<string, string> { ["hostname"] = "someones-box" } }
        );
        var before = (await sim.Host.GetContainerAsync(201))!.Config.ToPctText();

        // Act
        var result = await new RecoverWorkflow(sim.Workflow()).RunAsync(Redis, Instance, "recover redis");

        // Assert
        result.Problem.Should().Be("redis: CT 201 is not LxcForge's; left untouched");
        result.Deploy.Should().BeNull();
        (await sim.Host.GetContainerAsync(201))!.Config.ToPctText().Should().Be(before);
    }
}
