using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator;
using LxcForge.Simulator.Engine;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Execution;

public sealed class DeploySchedulingSpecs
{
    /// <summary>Three of the fleet design's services, their templates all on local-hdd.</summary>
    private static readonly FleetSpec Small = SimulatedFleet.Small;

    [Fact]
    public async Task Clones_reading_one_storage_take_turns_so_each_gets_the_whole_disk()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        var since = sim.Cluster.SimulatedElapsed;

        // Act
        var result = await sim.DeployAsync(Small, SimulatedFleet.FastOptions with { Parallel = 3 });

        // Assert
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Outcomes.Select(o => o.Error)));
        var clones = (await TimingsAsync(sim, "vzclone", since)).OrderBy(t => t.Started).ToList();
        clones.Should().HaveCount(3);
        clones.Zip(clones.Skip(1)).Should().OnlyContain(p => p.First.Ended <= p.Second.Started, "the clones from local-hdd ran one after another");
    }

    [Fact]
    public async Task A_template_locked_for_a_while_holds_back_neither_the_other_clones_nor_the_other_services()
    {
        // Arrange: the backend gives up on the lock after a short while (real time), so the deployer sees it and waits itself.
        await using var sim = await SimulatedFleet.StartAsync(
            Small,
            retry: new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) }
        );

        // Long enough (simulated) for the other two to be deployed one after the other meanwhile, even at ×1000.
        var held = TimeSpan.FromHours(2);
        var released = sim.Cluster.Clock.GetUtcNow() + held;
        sim.Cluster.Faults.HoldLock(901, "backup", held);
        var done = new Dictionary<string, DateTimeOffset>();
        var options = SimulatedFleet.FastOptions with { Parallel = 1 };
        var deployer = sim.Deployer(options with { Timeouts = options.Timeouts with { CloneTask = TimeSpan.FromHours(3) } });
        deployer.Progress += e =>
        {
            if (e is { Phase: DeployPhase.Check, Kind: DeployEventKind.Succeeded })
                lock (done)
                    done[e.Service] = e.At;
        };

        // Act
        var result = await deployer.RunAsync(Small, await deployer.PlanAsync(Small));

        // Assert
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Outcomes.Select(o => o.Error)));
        done["postgresql"].Should().BeBefore(released, "postgresql's template was not locked (simulated time)");
        done["docker"].Should().BeBefore(released, "the redis clone waiting for its template held neither the disk nor the one place");
        done["redis"].Should().BeOnOrAfter(released);
    }

    private static async Task<List<TaskTiming>> TimingsAsync(SimulatedFleet sim, string type, TimeSpan since)
    {
        var tasks = (
            await sim.Cluster.CallAsync(
                ApiRequest.Get(
                    $"/nodes/{sim.Cluster.NodeNames[0]}/tasks",
                    new Dictionary<string, string>
                    {
                        ["typefilter"] = type,
                        ["source"] = "all",
                        ["limit"] = "100",
                    }
                )
            )
        )!.AsArray();
        return tasks.Select(t => sim.Cluster.GetTaskTiming((string)t!["upid"]!)!).Where(t => t.Started >= since).ToList();
    }
}
