using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Core.Lifecycle;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Lifecycle;

public sealed class DestroyWorkflowSpecs
{
    private static readonly FleetSpec Fleet = SimulatedFleet.Only("postgresql", "redis");

    private static IReadOnlyList<ServiceInstance> Instances(params string[] names) =>
        ReplicaPlanner.Instances(Fleet).Where(i => names.Contains(i.Name)).ToList();

    private static async Task<SimulatedFleet> DeployedAsync()
    {
        var sim = await SimulatedFleet.StartAsync(Fleet);
        (await sim.DeployAsync(Fleet)).Succeeded.Should().BeTrue();
        return sim;
    }

    [Fact]
    public async Task Destroying_removes_the_running_container_keeps_its_backups_and_forgets_its_configuration()
    {
        // Arrange
        await using var sim = await DeployedAsync();
        var backup = await new BackupService(sim.Host).BackupAsync(Fleet, 201);
        var log = new List<string>();

        // Act
        var result = await new DestroyWorkflow(sim.Workflow() with { Log = log.Add }).RunAsync(Fleet, Instances("redis"));

        // Assert
        result.Destroyed.Select(d => (d.Name, d.Ctid)).Should().Equal(("redis", 201));
        result.Refused.Should().BeEmpty();
        log.Should().Equal("[redis] CT 201 destroyed");
        (await sim.Host.GetContainerAsync(201)).Should().BeNull();
        (await sim.Host.GetContainerAsync(200))!.IsRunning.Should().BeTrue("only what was named goes");
        (await sim.Host.ListBackupsAsync(Fleet.Storage.Backups, 201)).Select(b => b.VolumeId).Should().Equal(backup.Backup.VolumeId);
        sim.State.ConfiguredFingerprints(sim.HostKey).Keys.Should().Equal(200);
    }

    [Fact]
    public async Task Destroying_refuses_a_foreign_or_a_protected_container_and_asks_nothing_when_nothing_is_left()
    {
        // Arrange: PostgreSQL protected, Redis's CTID taken by someone else's container.
        await using var sim = await SimulatedFleet.StartAsync(Fleet);
        (await sim.DeployAsync(Fleet, null, default, "postgresql")).Succeeded.Should().BeTrue();
        await sim.Host.UpdateConfigAsync(200, new ConfigChange { Set = new Dictionary<string, string> { ["protection"] = "1" } });
        var node = (await sim.Host.GetInfoAsync()).Nodes[0].Name;
        var os = (await sim.Host.GetOsTemplatesAsync(node, "local"))[0].VolumeId;
        await sim.Host.CreateAsync(
            new CreateContainerRequest(201, node, os, "local-lvm") { Options = new Dictionary<string, string> { ["hostname"] = "someones-box" } }
        );
        var warnings = new List<string>();
        var asked = false;

        // Act
        var refused = await new DestroyWorkflow(sim.Workflow() with { Warn = warnings.Add }) { Confirm = _ => asked = true }.RunAsync(
            Fleet,
            Instances("postgresql", "redis")
        );

        // Assert
        asked.Should().BeFalse("nothing was left to destroy");
        refused.Destroyed.Should().BeEmpty();
        refused
            .Refused.Should()
            .Equal("postgresql: CT 200 is protected (protection: 1); left untouched", "redis: CT 201 ('someones-box') is not LxcForge's; left untouched");
        warnings.Should().Equal(refused.Refused);
        (await sim.Host.GetContainerAsync(200)).Should().NotBeNull();
        (await sim.Host.GetContainerAsync(201)).Should().NotBeNull();
    }

    [Fact]
    public async Task An_unconfirmed_destroy_removes_nothing()
    {
        // Arrange
        await using var sim = await DeployedAsync();

        // Act
        var result = await new DestroyWorkflow(sim.Workflow()) { Confirm = _ => false }.RunAsync(Fleet, Instances("postgresql", "redis"));

        // Assert
        result.Confirmed.Should().BeFalse();
        result.Destroyed.Should().BeEmpty();
        (await sim.Host.ListContainersAsync()).Count(c => !c.IsTemplate).Should().Be(2);
    }
}
