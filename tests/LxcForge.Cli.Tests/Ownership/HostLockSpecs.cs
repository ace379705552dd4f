using System.Diagnostics;
using LxcForge.Cli.Tests.Deploy;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Locking;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Cli.Tests.Ownership;

public sealed class HostLockSpecs
{
    private static readonly FleetSpec Redis = FleetDefaults.Seed with
    {
        Templates = FleetDefaults.Seed.Templates.Where(t => t.Name == "redis").ToList(),
        Services = FleetDefaults.Seed.Services.Where(s => s.Name == "redis").ToList(),
    };

    [Fact]
    public async Task A_second_deploy_against_one_API_host_is_refused_with_the_holder_named_or_waits_and_finds_nothing_left_to_do()
    {
        // Arrange: deploy A runs and holds the host's lock (a pool on the simulated cluster)
        await using var sim = await SimulatedFleet.StartAsync(Redis);
        var lockOnHost = (IHostLock)sim.Host;
        var first = sim.DeployAsync(Redis);
        var watch = Stopwatch.StartNew();
        while (await lockOnHost.ReadLockAsync() is null)
        {
            first.IsCompleted.Should().BeFalse("deploy A must take the host's lock while it works");
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
            await Task.Delay(10);
        }

        var notices = new List<string>();
        var refusing = SimulatedFleet.FastOptions with { HostLock = new HostLockOptions { Wait = TimeSpan.Zero } };
        var waiting = SimulatedFleet.FastOptions with
        {
            HostLock = new HostLockOptions { Wait = TimeSpan.FromMinutes(5), PollEvery = TimeSpan.FromMilliseconds(50) },
            Notice = n =>
            {
                lock (notices)
                    notices.Add(n);
            },
        };

        // Act
        var refused = await FluentActions.Awaiting(() => sim.DeployAsync(Redis, refusing)).Should().ThrowAsync<HostLockedException>();
        var second = sim.DeployAsync(Redis, waiting);
        var firstResult = await first;
        var secondResult = await second;

        // Assert
        refused
            .Which.Message.Should()
            .Contain($"pid {Environment.ProcessId}")
            .And.Contain("deploy")
            .And.Contain(Environment.MachineName)
            .And.Contain("pool lxcforge-lock");
        firstResult.Outcomes.Where(o => o.Result == DeployOutcomeKind.Failed).Select(o => o.Error).Should().BeEmpty();
        secondResult.Outcomes.Where(o => o.Result == DeployOutcomeKind.Failed).Select(o => o.Error).Should().BeEmpty("no 'already running' failure");
        secondResult.ChangedNothing.Should().BeTrue("the waiting deploy plans again once it holds the host");
        notices.Should().ContainMatch("waiting up to * for *pid*");
        (await lockOnHost.ReadLockAsync()).Should().BeNull("both released the lock");
    }
}
