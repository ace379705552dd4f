using LxcForge.Cli.Tests.Deploy;
using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Simulator.NodeCli;
using LxcForge.Testing.Simulation;

namespace LxcForge.Cli.Tests.Ownership;

public sealed class ForeignAddressSpecs
{
    private static readonly FleetSpec RedisAndGrafana = FleetDefaults.Seed with
    {
        Templates = FleetDefaults.Seed.Templates.Where(t => t.Name is "redis" or "grafana").ToList(),
        Services = FleetDefaults.Seed.Services.Where(s => s.Name is "redis" or "grafana").ToList(),
    };

    [Fact]
    public async Task Deploy_does_not_hand_out_an_address_a_foreign_container_uses()
    {
        // Arrange: CT 150 'foo', made by hand, holds grafana's 10.0.30.60
        await using var sim = await SimulatedFleet.StartAsync(RedisAndGrafana);
        var node = new NodeCommandLine(sim.Cluster, sim.Cluster);
        foreach (
            var args in new[]
            {
                new[] { "clone", "901", "150", "--full", "--hostname", "foo" },
                ["set", "150", "--net0", "name=eth0,bridge=vmbr2,ip=10.0.30.60/24,gw=10.0.30.1", "--description", "someone else's", "--tags", "mine"],
            }
        )
        {
            var r = await node.RunAsync("pve", "pct", args, null, new Dictionary<string, string>());
            r.ExitCode.Should().Be(0, r.StandardError);
        }

        // Act
        var result = await sim.DeployAsync(RedisAndGrafana);

        // Assert
        result.Outcomes.Single(o => o.Service == "grafana").Error.Should().Contain("10.0.30.60 is used by CT 150 'foo', not LxcForge's");
        result.Outcomes.Single(o => o.Service == "redis").Result.Should().Be(DeployOutcomeKind.Done);
        result.Succeeded.Should().BeFalse();
        (await sim.Host.GetContainerAsync(205)).Should().BeNull("grafana was not created");
        (await sim.Host.GetContainerAsync(150))!.Config.Net(0)!.Ip.Should().Be("10.0.30.60/24");
    }
}
