using LxcForge.Cli.Tests.Deploy;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Simulator.NodeCli;
using LxcForge.Testing.Simulation;

namespace LxcForge.Cli.Tests.Ownership;

/// <summary>A configured mark belongs to the container that received it: a replacement made behind LxcForge's back is configured again.</summary>
public sealed class ReplacedContainerSpecs
{
    private static readonly FleetSpec Redis = FleetDefaults.Seed with
    {
        Templates = FleetDefaults.Seed.Templates.Where(t => t.Name == "redis").ToList(),
        Services = FleetDefaults.Seed.Services.Where(s => s.Name == "redis").ToList(),
    };

    private static async Task PctAsync(SimulatedFleet sim, params string[] arguments)
    {
        var r = await new NodeCommandLine(sim.Cluster, sim.Cluster).RunAsync("pve", "pct", arguments, null, new Dictionary<string, string>());
        r.ExitCode.Should().Be(0, $"pct {string.Join(' ', arguments)}: {r.StandardError}");
    }

    [Fact]
    public async Task A_container_destroyed_by_hand_and_cloned_again_by_deploy_is_configured_again()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(Redis)).Succeeded.Should().BeTrue();
        await PctAsync(sim, "stop", "201");
        await PctAsync(sim, "destroy", "201");

        // Act
        var result = await sim.DeployAsync(Redis);
        var again = await sim.Deployer().PlanAsync(Redis);

        // Assert
        var outcome = result.Outcomes.Single();
        outcome.Result.Should().Be(DeployOutcomeKind.Done, outcome.Error);
        outcome.Action.Should().Be(PlanAction.Create);
        (await sim.ShellAsync(201, "cat /etc/redis/redis.conf")).Should().Contain("bind 10.0.30.20");
        again.Items.Single().Action.Should().Be(PlanAction.None, "the new container's configuration is recorded under its own identity");
    }

    [Fact]
    public async Task A_container_restored_by_hand_with_a_new_MAC_is_configured_again_without_anyone_forgetting_its_mark()
    {
        // Arrange: deployed and configured, then replaced outside LxcForge by pct restore --unique of a backup
        await using var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(Redis)).Succeeded.Should().BeTrue();
        var backup = await sim.Host.BackupAsync(new BackupRequest(201, "local-hdd") { Mode = BackupMode.Stop });
        await PctAsync(sim, "stop", "201");
        await PctAsync(sim, "restore", "201", backup.VolumeId, "--force", "1", "--unique", "1", "--storage", "local-lvm");

        // Act
        var plan = await sim.Deployer().PlanAsync(Redis);

        // Assert
        var item = plan.Items.Single();
        item.Action.Should().NotBe(PlanAction.Error, item.Error);
        item.Configure.Should().BeTrue("the restored container has another MAC: it is another container");
    }
}
