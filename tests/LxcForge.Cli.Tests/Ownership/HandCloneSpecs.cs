using LxcForge.Cli.Tests.Deploy;
using LxcForge.Core.Execution;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Simulator.NodeCli;
using LxcForge.Testing.Simulation;

namespace LxcForge.Cli.Tests.Ownership;

public sealed class HandCloneSpecs
{
    /// <summary>Prometheus alone (template 906, service 206).</summary>
    private static readonly FleetSpec Prometheus = FleetDefaults.Seed with
    {
        Templates = FleetDefaults.Seed.Templates.Where(t => t.Name == "prometheus").ToList(),
        Services = FleetDefaults.Seed.Services.Where(s => s.Name == "prometheus").ToList(),
    };

    [Fact]
    public async Task A_hand_clone_of_a_template_at_a_service_CTID_is_reported_foreign_and_left_untouched()
    {
        // Arrange: someone runs pct clone 906 206 --full on the node; the clone copies the template's tag and marker
        await using var sim = await SimulatedFleet.StartAsync(Prometheus);
        var clone = await new NodeCommandLine(sim.Cluster, sim.Cluster).RunAsync(
            "pve",
            "pct",
            ["clone", "906", "206", "--full"],
            null,
            new Dictionary<string, string>()
        );
        clone.ExitCode.Should().Be(0, clone.StandardError);
        var before = (await sim.Host.GetContainerAsync(206))!;
        sim.Cluster.Faults.Reset();

        // Act
        var result = await sim.DeployAsync(Prometheus);

        // Assert
        var outcome = result.Outcomes.Single();
        outcome.Result.Should().Be(DeployOutcomeKind.Failed);
        outcome.Action.Should().Be(PlanAction.Error);
        outcome.Error.Should().Contain("CT 206").And.Contain("not managed by LxcForge").And.Contain("template marker of CT 906");
        sim.Cluster.Faults.WriteCalls.Should().Be(0, "a foreign container is never changed");
        var after = (await sim.Host.GetContainerAsync(206))!;
        after.Config.Values.Should().BeEquivalentTo(before.Config.Values);
        after.IsRunning.Should().Be(before.IsRunning);
    }
}
