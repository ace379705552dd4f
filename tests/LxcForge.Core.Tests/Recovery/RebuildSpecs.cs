using LxcForge.Core.Backups;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using LxcForge.Simulator.StandInScripts;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Core.Tests.Recovery;

/// <summary>
/// "Complete system loss" (docs/fleet-design.md#disaster-recovery) on the simulator: every container gone, templates included, only the
/// backup storage left — and a rebuild killed half-way, then run again.
/// </summary>
public sealed class RebuildSpecs : IAsyncLifetime, IDisposable
{
    private static readonly FleetSpec Fleet = FleetDefaults.Seed with
    {
        Services = [FleetDefaults.Seed.FindService("postgresql")!, FleetDefaults.Seed.FindService("redis")!],
        Templates = [FleetDefaults.Seed.FindTemplate("postgresql")!, FleetDefaults.Seed.FindTemplate("redis")!],
    };

    private readonly TempDir _dir = TempDir.Create();
    private SimulatedFleet _sim = null!;
    private SimulatorNodeShell _shell = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatedFleet.StartAsync(Fleet);
        _shell = new SimulatorNodeShell(new NodeCommandLine(_sim.Cluster, _sim.Cluster), _dir.Combine("node"));
    }

    public async Task DisposeAsync()
    {
        await _shell.DisposeAsync();
        await _sim.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    private Rebuild Rebuild(Action<string>? log = null) =>
        new(_sim.Host, _sim.HostState, _sim.Cluster.Clock)
        {
            Templates = new TemplateBuilder(
                _sim.Host,
                _shell,
                new PinnedScriptSupply(new StandInScriptOrigin(), _dir.Combine("cache"), _dir.Combine("scripts.lock")),
                TimeProvider.System
            ),
            DeployOptions = SimulatedFleet.FastOptions,
            Log = log,
        };

    /// <summary>Deploys the fleet, writes a marker into each service, backs each up, then loses every container.</summary>
    private async Task BackedUpThenLostAsync()
    {
        (await _sim.Deployer().RunAsync(Fleet, await _sim.Deployer().PlanAsync(Fleet), "deploy")).Succeeded.Should().BeTrue();
        foreach (var ctid in new[] { 200, 201 })
        {
            await _sim.ShellAsync(ctid, $"echo 'CT {ctid} before the loss' > /root/data.txt");
            await new BackupService(_sim.Host).BackupAsync(Fleet, ctid);
        }

        foreach (var ct in await _sim.Host.ListContainersAsync())
        {
            if (ct.Status == Core.Hosting.ContainerStatus.Running)
                await _sim.Host.StopAsync(ct.Vmid);
            await _sim.Host.DestroyAsync(ct.Vmid, purge: true);
        }
    }

    [Fact]
    public async Task A_rebuild_on_an_empty_host_brings_every_service_back_with_the_data_of_its_backup()
    {
        // Arrange
        await BackedUpThenLostAsync();

        // Act
        var report = await Rebuild().RunAsync(Fleet);

        // Assert
        report.Ok.Should().BeTrue(string.Join("\n", report.Stages.Select(s => $"{s.Name}: {s.Detail}")));
        report.Stages.Select(s => s.Name).Should().Equal("check", "templates", "deploy", "restore", "health");
        (await _sim.Host.ListContainersAsync()).Select(c => c.Vmid).Order().Should().Equal(200, 201, 900, 901);
        (await _sim.ShellAsync(200, "cat /root/data.txt")).Should().Be("CT 200 before the loss\n");
        (await _sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("CT 201 before the loss\n");
        report.Status.Select(s => s.Health).Should().AllBe("healthy");
    }

    [Fact]
    public async Task A_rebuild_killed_while_restoring_finishes_on_the_next_run_and_restores_nothing_twice()
    {
        // Arrange: the first run is killed as it starts replacing the first freshly deployed container.
        await BackedUpThenLostAsync();
        using var kill = new CancellationTokenSource();
        var killed = () =>
            Rebuild(line =>
                {
                    if (line.Contains("safety backup", StringComparison.Ordinal))
                        kill.Cancel();
                })
                .RunAsync(Fleet, kill.Token);
        await killed.Should().ThrowAsync<OperationCanceledException>();

        // Act: run again, then once more after the data has moved on.
        var resumed = await Rebuild().RunAsync(Fleet);
        await _sim.ShellAsync(200, "echo 'written after the rebuild' > /root/data.txt");
        var again = await Rebuild().RunAsync(Fleet);

        // Assert: the killed run's leftovers (a safety copy of an empty container among them) change nothing.
        resumed.Ok.Should().BeTrue(string.Join("\n", resumed.Stages.Select(s => $"{s.Name}: {s.Detail}")));
        resumed.Stages.Single(s => s.Name == "restore").Detail.Should().Be("restored postgresql, redis");
        (await _sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("CT 201 before the loss\n");
        again.Ok.Should().BeTrue();
        again.Stages.Single(s => s.Name == "restore").Detail.Should().Be("nothing to restore");
        (await _sim.ShellAsync(200, "cat /root/data.txt")).Should().Be("written after the rebuild\n");
        (await _sim.Host.ListContainersAsync()).Select(c => c.Vmid).Order().Should().Equal(200, 201, 900, 901);
        _sim.State.Journal(_sim.HostKey).Where(e => e.Step == "rebuild-restore" && e.Status == "done").Select(e => e.Ctid).Order().Should().Equal(200, 201);
    }
}
