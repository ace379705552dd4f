using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;
using static LxcForge.Core.Tests.Planning.ObservedFixtures;

namespace LxcForge.Core.Tests.Planning;

public sealed class ConfiguredIdentitySpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    [Fact]
    public void A_configured_mark_counts_only_for_the_container_that_received_it()
    {
        // Arrange: redis configured as the container with one MAC, then replaced by one with another MAC at the same CTID
        using var state = StateStore.InMemory();
        var redis = FleetInstances.Expand(Seed).Single(d => d.Name == "redis");
        var fingerprint = Fingerprints(Seed, FleetInstances.Expand(Seed))[redis.Ctid];
        state.MarkConfigured("h", redis.Ctid, "redis", fingerprint, ContainerIdentity.Of(Converged(redis, mac: "BC:24:11:00:00:AA")));
        var replaced = ConvergedFleet(Seed).Replace(Converged(redis, mac: "BC:24:11:00:00:BB"));
        var same = ConvergedFleet(Seed).Replace(Converged(redis, mac: "BC:24:11:00:00:AA"));

        // Act
        var afterReplacement = Planner.Plan(Seed, replaced.WithLocalState(state, "h"), ["redis"]).Items.Single();
        var unchanged = Planner.Plan(Seed, same.WithLocalState(state, "h"), ["redis"]).Items.Single();

        // Assert
        afterReplacement.Configure.Should().BeTrue();
        unchanged.Action.Should().Be(PlanAction.None);
    }

    [Fact]
    public void A_mark_recorded_before_identities_existed_counts_as_absent()
    {
        // Arrange
        using var state = StateStore.InMemory();
        var redis = FleetInstances.Expand(Seed).Single(d => d.Name == "redis");
        state.MarkConfigured("h", redis.Ctid, "redis", Fingerprints(Seed, FleetInstances.Expand(Seed))[redis.Ctid]);

        // Act
        var item = Planner.Plan(Seed, ConvergedFleet(Seed).WithLocalState(state, "h"), ["redis"]).Items.Single();

        // Assert
        item.Configure.Should().BeTrue();
    }
}
