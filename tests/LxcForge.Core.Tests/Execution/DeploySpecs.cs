using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Execution;

public sealed class DeploySpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    [Fact]
    public async Task Deploying_the_default_fleet_gives_one_running_owned_container_per_service_at_its_address_configured_and_healthy()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync();

        // Act
        var result = await sim.DeployAsync(Seed);

        // Assert
        result.Outcomes.Where(o => o.Result != DeployOutcomeKind.Done).Select(o => $"{o.Service}: {o.Error}").Should().BeEmpty();
        foreach (var service in Seed.Services)
        {
            var info = (await sim.Host.GetContainerAsync(service.Ctid))!;
            info.IsRunning.Should().BeTrue();
            OwnershipMarker.IsOwned(info).Should().BeTrue();
            info.Config.Net(0)!.Ip.Should().Be($"{service.Ip}/24");
            info.Config.Net(0)!.Bridge.Should().Be("vmbr2");
            info.Config.Net(0)!.Gateway.Should().Be("10.0.30.1");
            info.Config.Hostname.Should().Be(service.Hostname);
            info.Config.Memory.Should().Be(service.Memory);
            info.Config.RootFs!.Storage.Should().Be("local-lvm");
            info.Config.RootFs!.SizeBytes.Should().Be(DiskSize.ParseBytes(service.Disk));
        }

        (await sim.Host.GetContainerAsync(208))!.Config.Features.Should().Be(new ContainerFeatures { Nesting = true, Keyctl = true });
        (await sim.ShellAsync(201, "cat /etc/redis/redis.conf"))
            .Should()
            .Contain("bind 10.0.30.20 127.0.0.1")
            .And.Contain("requirepass ")
            .And.NotContain("bind 0.0.0.0");
        (await sim.ShellAsync(200, "cat /etc/postgresql/17/main/pg_hba.conf")).Should().Contain("10.0.30.0/24  scram-sha-256").And.NotContain("0.0.0.0/0");
        (await sim.ShellAsync(206, "cat /etc/prometheus/prometheus.yml")).Should().Contain("'10.0.30.60:3000'");
        sim.Cluster.ExecHistory(200)
            .Should()
            .NotContain(r => r.Command.Any(a => sim.State.GetSecrets(sim.HostKey, "postgresql").Values.Any(a.Contains)), "secrets travel on stdin only");
        sim.State.GetSecrets(sim.HostKey, "redis").Keys.Should().BeEquivalentTo(["root", "password"]);
    }

    [Fact]
    public async Task A_second_deploy_of_a_converged_fleet_changes_nothing_and_makes_no_write_call()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync();
        (await sim.DeployAsync(Seed)).Succeeded.Should().BeTrue();
        sim.Cluster.Faults.Reset();

        // Act
        var again = await sim.DeployAsync(Seed);

        // Assert
        again.ChangedNothing.Should().BeTrue();
        sim.Cluster.Faults.WriteCalls.Should().Be(0);
    }

    [Fact]
    public async Task Editing_one_services_memory_changes_only_that()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync();
        (await sim.DeployAsync(Seed)).Succeeded.Should().BeTrue();
        var edited = Seed with { Services = Seed.Services.Select(s => s.Name == "grafana" ? s with { Memory = 1024 } : s).ToList() };
        sim.Cluster.Faults.Reset();

        // Act
        var result = await sim.DeployAsync(edited);

        // Assert
        result.Outcomes.Where(o => o.Result != DeployOutcomeKind.Unchanged).Select(o => o.Service).Should().Equal("grafana");
        (await sim.Host.GetContainerAsync(205))!.Config.Memory.Should().Be(1024);
        sim.Cluster.Faults.WriteCalls.Should().Be(3, "one config update, and taking and releasing the host lock");
    }

    [Fact]
    public async Task A_foreign_container_at_ctid_203_fails_gitea_alone_and_is_left_untouched()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync();
        var node = (await sim.Host.GetInfoAsync()).Nodes[0].Name;
        var os = (await sim.Host.GetOsTemplatesAsync(node, "local"))[0].VolumeId;
        await sim.Host.CreateAsync(
            new CreateContainerRequest(203, node, os, "local-lvm")
            {
                Options = new Dictionary<string, string> { ["hostname"] = "someones-box", ["memory"] = "256" },
            }
        );
        var before = (await sim.Host.GetContainerAsync(203))!.Config.ToPctText();

        // Act
        var result = await sim.DeployAsync(Seed);

        // Assert
        var gitea = result.Outcomes.Single(o => o.Service == "gitea");
        gitea.Result.Should().Be(DeployOutcomeKind.Failed);
        gitea.Error.Should().Contain("CT 203 'someones-box'").And.Contain("not managed by LxcForge");
        result.Outcomes.Where(o => o.Service != "gitea").Should().OnlyContain(o => o.Result == DeployOutcomeKind.Done);
        (await sim.Host.GetContainerAsync(203))!.Config.ToPctText().Should().Be(before);
    }
}
