using LxcForge.Core.Backups;
using LxcForge.Core.Execution;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Recovery;

/// <summary><c>restore</c>'s workflow for Redis (CT 201 at .20): into the service, or as a copy beside it.</summary>
public sealed class RestoreWorkflowSpecs
{
    private static readonly FleetSpec Redis = SimulatedFleet.Only("redis");
    private static readonly ServiceInstance Instance = ReplicaPlanner.Instances(Redis)[0];

    /// <summary>Redis deployed and backed up with "in the backup" in its data; the data has moved on since.</summary>
    private static async Task<SimulatedFleet> BackedUpAsync()
    {
        var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(Redis)).Succeeded.Should().BeTrue();
        await sim.ShellAsync(201, "echo 'in the backup' > /root/data.txt");
        await new BackupService(sim.Host).BackupAsync(Redis, 201);
        await sim.ShellAsync(201, "echo 'after the backup' > /root/data.txt");
        return sim;
    }

    [Fact]
    public async Task Restoring_over_the_running_service_needs_force_then_brings_the_data_back_configured_and_checked()
    {
        // Arrange
        await using var sim = await BackedUpAsync();

        // Act
        var refused = await new RestoreWorkflow(sim.Workflow()).RunAsync(Redis, Instance, null, force: false, null);
        var forced = await new RestoreWorkflow(sim.Workflow()).RunAsync(Redis, Instance, null, force: true, null);

        // Assert
        refused.Problem.Should().Be("redis: CT 201 is running; stop the service first or give --force");
        refused.Deploy.Should().BeNull();
        forced.Problem.Should().BeNull();
        forced.Outcome!.SafetyBackup.Should().NotBeNull("the replaced container was saved first");
        forced.Deploy!.Outcomes.Single().Result.Should().Be(DeployOutcomeKind.Done, "the restored container is configured and checked again");
        (await sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("in the backup\n");
    }

    [Fact]
    public async Task Restoring_as_a_copy_gives_a_new_container_with_its_own_address_and_leaves_the_service_alone()
    {
        // Arrange
        await using var sim = await BackedUpAsync();

        // Act
        var result = await new RestoreWorkflow(sim.Workflow()).RunAsync(Redis, Instance, null, force: false, new RestoreCopy(250, "10.0.30.50"));

        // Assert
        result.Problem.Should().BeNull();
        result.Deploy!.Outcomes.Select(o => (o.Service, o.Ctid, o.Result)).Should().Equal(("redis-restored-250", 250, DeployOutcomeKind.Done));
        var copy = (await sim.Host.GetContainerAsync(250))!;
        copy.IsRunning.Should().BeTrue();
        copy.Config.Net(0)!.Ip.Should().Be("10.0.30.50/24");
        copy.Config.Hostname.Should().Be($"{Instance.Hostname}-restored");
        (await sim.ShellAsync(250, "cat /root/data.txt")).Should().Be("in the backup\n");
        (await sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("after the backup\n");
    }

    [Fact]
    public async Task A_copy_at_the_services_own_address_is_refused_before_anything_changes()
    {
        // Arrange
        await using var sim = await BackedUpAsync();
        var before = (await sim.Host.ListContainersAsync()).Select(c => c.Vmid).Order().ToList();

        // Act
        var result = await new RestoreWorkflow(sim.Workflow()).RunAsync(Redis, Instance, null, force: false, new RestoreCopy(250, Instance.Ip));

        // Assert
        result.CopyProblems.Should().NotBeEmpty();
        result.CopyProblems.Select(p => p.Message).Should().Contain(m => m.Contains(Instance.Ip, StringComparison.Ordinal));
        result.Deploy.Should().BeNull();
        (await sim.Host.ListContainersAsync()).Select(c => c.Vmid).Order().Should().Equal(before);
    }
}
