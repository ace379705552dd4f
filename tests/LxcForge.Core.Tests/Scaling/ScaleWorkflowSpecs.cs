using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Lifecycle;
using LxcForge.Core.Ownership;
using LxcForge.Core.Scaling;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Scaling;

/// <summary>The fleet design's horizontal scaling on the simulator: Redis (CT 201 at .20) gets replicas 211, 212, … at .21, .22, ….</summary>
public sealed class ScaleWorkflowSpecs
{
    private static readonly FleetSpec Redis = SimulatedFleet.Only("redis");

    private static FleetSpec WithReplicas(int count) => Redis with { Services = [Redis.Services[0] with { Replicas = new ReplicaSpec { Count = count } }] };

    private static async Task<SimulatedFleet> DeployedAsync(int replicas)
    {
        var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(WithReplicas(replicas))).Succeeded.Should().BeTrue();
        return sim;
    }

    [Fact]
    public async Task Scaling_up_clones_each_new_replica_with_its_own_ctid_and_address_and_checks_it()
    {
        // Arrange
        await using var sim = await DeployedAsync(0);

        // Act
        var result = await new ScaleWorkflow(sim.Workflow()).RunAsync(WithReplicas(0), WithReplicas(2), "redis", backUp: true, "scale");

        // Assert
        result.Removed.Should().BeEmpty();
        result
            .Deploy!.Outcomes.Select(o => (o.Service, o.Ctid, o.Result))
            .Should()
            .Equal(("redis", 201, DeployOutcomeKind.Unchanged), ("redis-1", 211, DeployOutcomeKind.Done), ("redis-2", 212, DeployOutcomeKind.Done));
        foreach (var (ctid, ip) in new[] { (211, "10.0.30.21/24"), (212, "10.0.30.22/24") })
        {
            var info = (await sim.Host.GetContainerAsync(ctid))!;
            info.IsRunning.Should().BeTrue();
            OwnershipMarker.IsOwned(info).Should().BeTrue();
            info.Config.Net(0)!.Ip.Should().Be(ip);
        }
    }

    [Fact]
    public async Task Scaling_down_removes_the_surplus_newest_first_each_after_a_backup_and_keeps_the_rest()
    {
        // Arrange
        await using var sim = await DeployedAsync(3);
        sim.State.ConfiguredFingerprints(sim.HostKey).Keys.Should().Contain([212, 213]);
        var log = new List<string>();

        // Act
        var result = await new ScaleWorkflow(sim.Workflow() with { Log = log.Add }).RunAsync(WithReplicas(3), WithReplicas(1), "redis", backUp: true, "scale");

        // Assert
        result.Removed.Select(r => r.Ctid).Should().Equal(213, 212);
        result.Removed.Should().OnlyContain(r => r.Backup != null);
        log.Should().ContainInOrder("redis-3: CT 213 removed", "redis-2: CT 212 removed");
        foreach (var ctid in new[] { 212, 213 })
        {
            (await sim.Host.GetContainerAsync(ctid)).Should().BeNull();
            (await sim.Host.ListBackupsAsync(Redis.Storage.Backups, ctid)).Should().ContainSingle();
            sim.State.ConfiguredFingerprints(sim.HostKey).Should().NotContainKey(ctid, "a removed container's configuration is forgotten");
        }

        (await sim.Host.ListContainersAsync()).Where(c => !c.IsTemplate).Select(c => c.Vmid).Order().Should().Equal(201, 211);
        result.Deploy!.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Scaling_down_leaves_a_protected_replica_and_a_foreign_container_in_place_untouched()
    {
        // Arrange: redis-1 protected; at redis-2's CTID someone else's container.
        await using var sim = await DeployedAsync(1);
        await sim.Host.UpdateConfigAsync(211, new ConfigChange { Set = new Dictionary<string, string> { ["protection"] = "1" } });
        var node = (await sim.Host.GetInfoAsync()).Nodes[0].Name;
        var os = (await sim.Host.GetOsTemplatesAsync(node, "local"))[0].VolumeId;
        await sim.Host.CreateAsync(
            new CreateContainerRequest(212, node, os, "local-lvm") { Options = new Dictionary<string, string> { ["hostname"] = "someones-box" } }
        );
        var before = (await sim.Host.GetContainerAsync(212))!.Config.ToPctText();
        var warnings = new List<string>();
        sim.Cluster.Faults.Reset();

        // Act
        var result = await new ScaleWorkflow(sim.Workflow() with { Warn = warnings.Add }).RunAsync(
            WithReplicas(2),
            WithReplicas(0),
            "redis",
            backUp: true,
            "scale"
        );

        // Assert
        result.Removed.Should().BeEmpty();
        result.LeftInPlace.Select(c => (c.Ctid, c.Refusal)).Should().Equal((212, RemovalRefusal.NotOwned), (211, RemovalRefusal.Protected));
        warnings.Should().Equal("redis-2: CT 212 is not LxcForge's; left in place", "redis-1: CT 211 is protected; left in place");
        (await sim.Host.GetContainerAsync(212))!.Config.ToPctText().Should().Be(before);
        (await sim.Host.GetContainerAsync(211))!.IsRunning.Should().BeTrue();
        (await sim.Host.ListBackupsAsync(Redis.Storage.Backups, null)).Should().BeEmpty("nothing was removed, so nothing was backed up");
    }

    [Fact]
    public async Task Scaling_down_without_a_backup_takes_none_and_an_unconfirmed_scale_removes_nothing()
    {
        // Arrange
        await using var sim = await DeployedAsync(2);
        IReadOnlyList<RemovalCheck>? asked = null;

        // Act
        var refused = await new ScaleWorkflow(sim.Workflow())
        {
            Confirm = c =>
            {
                asked = c;
                return false;
            },
        }.RunAsync(WithReplicas(2), WithReplicas(0), "redis", backUp: true, "scale");
        var removed = await new ScaleWorkflow(sim.Workflow()).RunAsync(WithReplicas(2), WithReplicas(0), "redis", backUp: false, "scale");

        // Assert
        asked!.Select(c => c.Ctid).Should().Equal(212, 211);
        refused.Confirmed.Should().BeFalse();
        refused.Removed.Should().BeEmpty();
        removed.Removed.Select(r => (r.Ctid, r.Backup)).Should().Equal((212, null), (211, null));
        (await sim.Host.ListBackupsAsync(Redis.Storage.Backups, null)).Should().BeEmpty();
    }

    [Fact]
    public void A_count_that_cannot_be_placed_is_refused_before_anything_changes()
    {
        ScaleWorkflow.Problem(Redis, "redis", -1).Should().Be("services.redis.replicas.count: must be 0 or more, got -1; nothing was changed");
        ScaleWorkflow.Problem(Redis, "nope", 1).Should().Be("no service 'nope' in the spec");
        ScaleWorkflow.Problem(Redis, "redis", 2).Should().BeNull();
    }
}
