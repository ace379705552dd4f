using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using static LxcForge.Core.Tests.Planning.ObservedFixtures;

namespace LxcForge.Core.Tests.Planning;

public sealed class PlannerOwnershipSpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    private static ContainerInfo WithDescription(ContainerInfo info, string description) =>
        Info(
            info.Vmid,
            info.Summary.Name,
            info.Summary.Status,
            info.Config.Values.Where(kv => kv.Key != "description").Append(new("description", description)).ToDictionary()
        );

    private static DesiredContainer Redis => FleetInstances.Expand(Seed).Single(d => d.Name == "redis");

    [Fact]
    public void A_container_carrying_a_copied_template_marker_is_foreign_and_left_untouched()
    {
        // Arrange: a hand clone of the redis template at the redis CTID copies the template's marker
        var copy = WithDescription(Converged(Redis), OwnershipMarker.TemplateLine(Redis.TemplateCtid) + "\ntemplate: redis\n");
        var observed = ConvergedFleet(Seed).Replace(copy);

        // Act
        var item = Planner.Plan(Seed, observed, ["redis"]).Items.Single();

        // Assert
        item.Action.Should().Be(PlanAction.Error);
        item.Error.Should().Contain($"CT {Redis.Ctid}").And.Contain("template marker");
    }

    [Fact]
    public void A_container_whose_marker_names_another_CTID_is_foreign()
    {
        // Arrange
        var copy = WithDescription(Converged(Redis), OwnershipMarker.ServiceLine(Redis.Ctid + 50, "ab12") + "\nservice: redis\n");

        // Act
        var item = Planner.Plan(Seed, ConvergedFleet(Seed).Replace(copy), ["redis"]).Items.Single();

        // Assert
        item.Action.Should().Be(PlanAction.Error);
        item.Error.Should().Contain($"names CT {Redis.Ctid + 50}");
    }

    [Fact]
    public void With_no_id_recorded_the_CTID_binding_alone_keeps_the_container_ours()
    {
        // Act
        var item = Planner.Plan(Seed, ConvergedFleet(Seed), ["redis"]).Items.Single();

        // Assert
        item.Action.Should().Be(PlanAction.None);
        item.OwnerId.Should().Be(Marker.Read(Converged(Redis).Config.Description).Id);
    }

    [Fact]
    public void An_old_format_marker_with_the_specs_service_is_accepted_and_rewritten_bound_to_the_container()
    {
        // Arrange
        var old = WithDescription(Converged(Redis), "managed-by: lxcforge\nservice: redis\ntemplate: redis\n");

        // Act
        var item = Planner.Plan(Seed, ConvergedFleet(Seed).Replace(old), ["redis"]).Items.Single();

        // Assert
        item.Action.Should().Be(PlanAction.Update);
        var change = item.Changes.Should().ContainSingle(c => c.Key == "description").Subject;
        Marker.Read(change.New).Should().Be(new Marker(MarkerKind.Service, Redis.Ctid, item.OwnerId));
    }
}
