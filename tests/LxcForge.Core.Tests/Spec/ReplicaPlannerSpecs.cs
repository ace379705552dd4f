using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Tests.Spec;

public class ReplicaPlannerSpecs
{
    private static FleetSpec WithPostgresReplicas(ReplicaSpec replicas)
    {
        var seed = FleetDefaults.Seed;
        return seed with { Services = seed.Services.Select(s => s.Name == "postgresql" ? s with { Replicas = replicas } : s).ToList() };
    }

    [Fact]
    public void The_seeds_scaling_example_expands_to_210_211_212_at_dot_11_dot_12_dot_13()
    {
        // Arrange
        var spec = WithPostgresReplicas(new ReplicaSpec { Count = 3 });

        // Act
        var plan = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!);

        // Assert
        plan.IsComplete.Should().BeTrue();
        plan.Instances.Select(i => (i.Name, i.Ordinal, i.Ctid, i.IpCidr, i.Hostname))
            .Should()
            .Equal(
                ("postgresql", 0, 200, "10.0.30.10/24", "postgresql-db"),
                ("postgresql-1", 1, 210, "10.0.30.11/24", "postgresql-db-1"),
                ("postgresql-2", 2, 211, "10.0.30.12/24", "postgresql-db-2"),
                ("postgresql-3", 3, 212, "10.0.30.13/24", "postgresql-db-3")
            );
    }

    [Fact]
    public void Explicit_lists_and_a_hostname_pattern_are_used_as_given()
    {
        // Arrange
        var spec = WithPostgresReplicas(
            new ReplicaSpec
            {
                Count = 2,
                Ctids = [250, 251],
                Ips = ["10.0.30.100", "10.0.30.101"],
                Hostname = "{name}-replica{n}",
            }
        );

        // Act
        var instances = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!).Instances;

        // Assert
        instances
            .Skip(1)
            .Select(i => (i.Ctid, i.Ip, i.Hostname))
            .Should()
            .Equal((250, "10.0.30.100", "postgresql-replica1"), (251, "10.0.30.101", "postgresql-replica2"));
    }

    [Fact]
    public void A_start_and_a_step_space_the_replicas()
    {
        var spec = WithPostgresReplicas(
            new ReplicaSpec
            {
                Count = 3,
                CtidStart = 240,
                CtidStep = 5,
                IpStart = "10.0.30.200",
                IpStep = 2,
            }
        );

        var instances = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!).Instances;

        instances.Skip(1).Select(i => (i.Ctid, i.Ip)).Should().Equal((240, "10.0.30.200"), (245, "10.0.30.202"), (250, "10.0.30.204"));
    }

    [Fact]
    public void A_count_given_by_the_caller_overrides_the_specs_for_scaling()
    {
        var spec = WithPostgresReplicas(new ReplicaSpec { Count = 1 });

        var plan = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!, replicaCount: 3);

        plan.Instances.Select(i => i.Ctid).Should().Equal(200, 210, 211, 212);
    }

    [Fact]
    public void A_plan_that_runs_out_of_ctids_says_which_replica_and_stops_there()
    {
        var spec = WithPostgresReplicas(new ReplicaSpec { Count = 4, CtidStart = 297 });

        var plan = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!);

        plan.Instances.Select(i => i.Ctid).Should().Equal(200, 297, 298, 299);
        plan.Problems.Should()
            .ContainSingle()
            .Which.Should()
            .Be(("replicas.ctid-start", "runs out of CTIDs: replica 4 would get 300, past the end of the service range 200-299"));
    }

    [Fact]
    public void A_plan_that_runs_out_of_addresses_stops_before_the_broadcast_address()
    {
        var spec = WithPostgresReplicas(new ReplicaSpec { Count = 3, IpStart = "10.0.30.253" });

        var plan = ReplicaPlanner.Plan(spec, spec.FindService("postgresql")!);

        plan.Instances.Select(i => i.Ip).Should().Equal("10.0.30.10", "10.0.30.253", "10.0.30.254");
        plan.Problems.Should().ContainSingle().Which.Field.Should().Be("replicas.ip-start");
    }

    [Fact]
    public void Every_instance_of_the_fleet_is_listed_primaries_each_followed_by_its_replicas()
    {
        var spec = WithPostgresReplicas(new ReplicaSpec { Count = 2 });

        var instances = ReplicaPlanner.Instances(spec);

        instances.Select(i => i.Ctid).Should().Equal([200, 210, 211, .. spec.Services.Skip(1).Select(s => s.Ctid)]);
    }
}
