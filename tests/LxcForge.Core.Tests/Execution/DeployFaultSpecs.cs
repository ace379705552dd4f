using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Execution;

public sealed class DeployFaultSpecs
{
    private static readonly FleetSpec Small = SimulatedFleet.Small;

    [Fact]
    public async Task A_failed_clone_task_fails_that_service_alone_and_the_next_run_finishes_it()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        sim.Cluster.Faults.FailNextTasks("vzclone", 1, "simulated disk failure");

        // Act
        var first = await sim.DeployAsync(Small);
        var second = await sim.DeployAsync(Small);

        // Assert
        var failed = first.Outcomes.Where(o => o.Result == DeployOutcomeKind.Failed).Should().ContainSingle().Subject;
        failed.FailedPhase.Should().Be(DeployPhase.Clone);
        failed.Error.Should().Contain("simulated disk failure");
        first.Outcomes.Count(o => o.Result == DeployOutcomeKind.Done).Should().Be(2);
        second.Outcomes.Should().ContainSingle(o => o.Result == DeployOutcomeKind.Done).Which.Service.Should().Be(failed.Service);
        (await sim.Host.ListContainersAsync()).Where(c => !c.IsTemplate).Select(c => c.Vmid).Should().BeEquivalentTo([200, 201, 208]);
    }

    [Fact]
    public async Task A_template_locked_for_a_while_is_cloned_once_the_lock_is_released()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        var released = sim.Cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(300);
        sim.Cluster.Faults.HoldLock(901, "backup", TimeSpan.FromSeconds(300));
        DateTimeOffset? cloned = null;
        var deployer = sim.Deployer();
        deployer.Progress += e =>
        {
            if (e is { Service: "redis", Phase: DeployPhase.Clone, Kind: DeployEventKind.Succeeded })
                cloned = e.At;
        };

        // Act
        var result = await deployer.RunAsync(Small, await deployer.PlanAsync(Small));

        // Assert
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Outcomes.Select(o => o.Error)));
        cloned.Should().BeOnOrAfter(released, "the clone of the locked template waited for the lock (simulated time)");
        (await sim.Host.GetContainerAsync(201))!.IsRunning.Should().BeTrue();
    }

    [Fact]
    public async Task A_502_on_every_clone_ends_within_the_retry_budget_with_each_service_failed_at_its_clone()
    {
        // Arrange: the transport retries fast (real time); every clone call answers 502.
        await using var sim = await SimulatedFleet.StartAsync(
            Small,
            retry: new LxcForge.Proxmox.Api.Transport.RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }
        );
        sim.Cluster.Faults.FailNextCalls(int.MaxValue, 502, "bad gateway", pathContains: "/clone");
        var deployer = sim.Deployer();
        var retries = new List<DeployEvent>();
        deployer.Progress += e =>
        {
            if (e.Kind == DeployEventKind.Progress && e.Message.Contains("retrying", StringComparison.Ordinal))
                lock (retries)
                    retries.Add(e);
        };
        var started = sim.Cluster.Clock.GetUtcNow();

        // Act
        var result = await deployer.RunAsync(Small, await deployer.PlanAsync(Small));

        // Assert
        result.Succeeded.Should().BeFalse();
        result.Outcomes.Should().HaveCount(3).And.OnlyContain(o => o.Result == DeployOutcomeKind.Failed && o.FailedPhase == DeployPhase.Clone);
        result.Outcomes.Should().OnlyContain(o => o.Error!.Contains("bad gateway") && o.Error.Contains("gave up after"));
        retries.GroupBy(e => e.Service).Should().OnlyContain(g => g.Count() <= new DeployOptions().TransientRetries);
        (sim.Cluster.Clock.GetUtcNow() - started)
            .Should()
            .BeLessThan(new StepTimeouts().CloneTask, "the budget ends the run before the clone's time limit (simulated time)");
        (await sim.Host.ListContainersAsync()).Where(c => !c.IsTemplate).Should().BeEmpty();
    }

    [Fact]
    public async Task A_clone_onto_a_full_storage_says_no_space_left_on_that_storage()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        sim.Cluster.Faults.FillStorage("local-lvm");

        // Act
        var result = await sim.DeployAsync(Small, only: ["redis"]);

        // Assert
        var redis = result.Outcomes.Should().ContainSingle().Subject;
        redis.Result.Should().Be(DeployOutcomeKind.Failed);
        redis.Error.Should().StartWith("clone: no space left on local-lvm");
    }

    [Fact]
    public async Task A_step_waiting_on_a_lock_says_what_it_waits_for_while_it_waits()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        sim.Cluster.Faults.HoldLock(901, "backup", TimeSpan.FromSeconds(300));
        var events = new List<DeployEvent>();
        var deployer = sim.Deployer(SimulatedFleet.FastOptions with { NoticeEvery = TimeSpan.FromSeconds(10) });
        deployer.Progress += e =>
        {
            if (e is { Service: "redis", Phase: DeployPhase.Clone, Kind: DeployEventKind.Progress })
                lock (events)
                    events.Add(e);
        };

        // Act
        var result = await deployer.RunAsync(Small, await deployer.PlanAsync(Small));

        // Assert: 300 s of waiting told every 10 s (simulated time at 1000x, whose timers run late on a busy machine: 10 notices at least).
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Outcomes.Select(o => o.Error)));
        events.Count.Should().BeGreaterThanOrEqualTo(10);
        events.Should().Contain(e => e.Message.StartsWith("still clone after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_that_never_passes_fails_that_service_at_its_check_and_the_others_succeed()
    {
        // Arrange
        var fleet = WithFlaky("echo configured > /etc/flaky");
        await using var sim = await SimulatedFleet.StartAsync(fleet);

        // Act
        var result = await sim.DeployAsync(fleet);

        // Assert
        var flaky = result.Outcomes.Single(o => o.Service == "flaky");
        flaky.Result.Should().Be(DeployOutcomeKind.Failed);
        flaky.FailedPhase.Should().Be(DeployPhase.Check);
        flaky.Error.Should().Contain("health check 'custom check'").And.Contain("not within 30 s");
        (await sim.ShellAsync(220, "cat /etc/flaky")).Should().Be("configured\n", "the custom configure command ran inside the container");
        result.Outcomes.Where(o => o.Service != "flaky").Should().OnlyContain(o => o.Result == DeployOutcomeKind.Done);
    }

    [Fact]
    public async Task A_service_whose_check_failed_is_configured_and_checked_again_by_the_next_run_not_reported_unchanged()
    {
        // Arrange: a service configured but never healthy.
        var fleet = WithFlaky("echo configured >> /etc/flaky");
        await using var sim = await SimulatedFleet.StartAsync(fleet);
        (await sim.DeployAsync(fleet)).Outcomes.Single(o => o.Service == "flaky").FailedPhase.Should().Be(DeployPhase.Check);

        // Act
        var unhealthy = await sim.DeployAsync(fleet);
        await sim.ShellAsync(220, "touch /etc/flaky-healthy");
        var healthy = await sim.DeployAsync(fleet);
        var settled = await sim.DeployAsync(fleet);

        // Assert
        unhealthy
            .Outcomes.Single(o => o.Service == "flaky")
            .Should()
            .Match<DeployOutcome>(o => o.Result == DeployOutcomeKind.Failed && o.FailedPhase == DeployPhase.Check);
        healthy.Outcomes.Single(o => o.Service == "flaky").Result.Should().Be(DeployOutcomeKind.Done);
        settled.ChangedNothing.Should().BeTrue("once the check passed, the configuration is recorded as applied");
        (await sim.ShellAsync(220, "cat /etc/flaky"))
            .Should()
            .Be("configured\nconfigured\nconfigured\n", "each run until the check passed configured it again");
    }

    [Fact]
    public async Task A_run_killed_half_way_is_finished_by_the_next_without_duplicating_or_losing_a_container()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(Small);
        using var kill = new CancellationTokenSource();
        var deployer = sim.Deployer(new DeployOptions { Parallel = 2 });
        deployer.Progress += e =>
        {
            if (e.Phase == DeployPhase.Config && e.Kind == DeployEventKind.Started)
                kill.Cancel();
        };
        var plan = await deployer.PlanAsync(Small);

        // Act
        var killed = async () => await deployer.RunAsync(Small, plan, "deploy", kill.Token);
        await killed.Should().ThrowAsync<OperationCanceledException>();
        var rerun = await sim.DeployAsync(Small);
        var third = await sim.DeployAsync(Small);

        // Assert
        rerun.Succeeded.Should().BeTrue(string.Join("; ", rerun.Outcomes.Select(o => $"{o.Service}: {o.Error}")));
        third.ChangedNothing.Should().BeTrue();
        (await sim.Host.ListContainersAsync()).Where(c => !c.IsTemplate).Select(c => c.Vmid).Should().BeEquivalentTo([200, 201, 208]);
        sim.State.Journal(sim.HostKey).Should().Contain(j => j.Status == "interrupted");
    }

    /// <summary>The small fleet plus CT 220 'flaky', whose check passes only once /etc/flaky-healthy exists.</summary>
    private static FleetSpec WithFlaky(string configure) =>
        Small with
        {
            Services =
            [
                .. Small.Services,
                new ServiceSpec
                {
                    Name = "flaky",
                    Template = "docker",
                    Ctid = 220,
                    Hostname = "flaky",
                    Ip = "10.0.30.120",
                    Custom = new CustomServiceSpec { Configure = [configure], Check = "test -f /etc/flaky-healthy" },
                },
            ],
        };
}
