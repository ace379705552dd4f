using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using static LxcForge.Core.Tests.Planning.ObservedFixtures;

namespace LxcForge.Core.Tests.Planning;

public sealed class PlannerAddressSpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    private static ContainerInfo Foreign(int vmid, string name, string ip) =>
        Info(
            vmid,
            name,
            ContainerStatus.Running,
            new Dictionary<string, string> { ["hostname"] = name, ["net0"] = $"name=eth0,bridge=vmbr2,hwaddr=BC:24:11:00:01:50,ip={ip}/24,type=veth" }
        );

    [Fact]
    public void An_address_a_foreign_container_uses_fails_that_service_with_the_owner_named_and_the_others_proceed()
    {
        // Arrange: grafana's 10.0.30.60 is taken by a container LxcForge does not own
        var observed = TemplatesOnly(Seed).Replace(Foreign(150, "foo", "10.0.30.60"));

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        var grafana = plan.Items.Single(i => i.Name == "grafana");
        grafana.Action.Should().Be(PlanAction.Error);
        grafana.Error.Should().Contain("10.0.30.60 is used by CT 150 'foo', not LxcForge's");
        plan.Items.Where(i => i.Name != "grafana").Should().OnlyContain(i => i.Action == PlanAction.Create);
    }

    [Fact]
    public void An_owned_container_at_another_CTID_with_the_address_is_no_collision()
    {
        // Arrange: LxcForge's own grafana, found at its CTID, and nothing foreign
        var observed = ConvergedFleet(Seed);

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        plan.HasErrors.Should().BeFalse();
    }
}
