using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task The_host_reports_its_version_nodes_storages_and_bridges()
    {
        SkipIfExcluded(ContractScenario.HostFacts);

        // Act
        var info = await Host.GetInfoAsync();
        var storages = await Host.GetStoragesAsync(Env.Node);
        var bridges = await Host.GetBridgesAsync(Env.Node);

        // Assert
        info.Version.Should().NotBeNullOrWhiteSpace();
        info.Nodes.Select(n => n.Name).Should().Contain(Env.Node);
        storages.Where(s => s.Supports("rootdir")).Select(s => s.Id).Should().Contain([Env.TemplateStorage, Env.ServiceStorage]);
        storages.Should().Contain(s => s.Id == Env.BackupStorage && s.Supports("backup"));
        storages.Should().OnlyContain(s => s.TotalBytes >= s.UsedBytes);
        bridges.Select(b => b.Name).Should().Contain(Env.Bridge);
        Host.Description.Should().NotBeNullOrWhiteSpace();
    }

    [SkippableFact]
    public async Task I_can_create_a_container_from_an_os_template()
    {
        SkipIfExcluded(ContractScenario.CreateFromOsTemplate);

        // Act
        var vmid = await CreateContainerAsync(0, hostname: "contract-create");

        // Assert
        var ct = await GetAsync(vmid);
        ct.IsRunning.Should().BeFalse();
        ct.IsTemplate.Should().BeFalse();
        ct.Config.Hostname.Should().Be("contract-create");
        ct.Config.Memory.Should().Be(256);
        ct.Config.Net(0)!.Ip.Should().Be($"{Address(0)}/24");
        ct.Config.Net(0)!.Bridge.Should().Be(Env.Bridge);
        ct.Config.RootFs!.Storage.Should().Be(Env.TemplateStorage);
        ct.Summary.Tags.Should().Contain("contract");
        (await Host.ListContainersAsync()).Should().Contain(c => c.Vmid == vmid && c.Status == ContainerStatus.Stopped);
        await ViewShouldSeeAsync(vmid, "hostname", "contract-create");
        await ViewShouldSeeStatusAsync(vmid, ContainerStatus.Stopped);
    }

    [SkippableFact]
    public async Task I_can_start_shut_down_and_stop_a_container()
    {
        SkipIfExcluded(ContractScenario.StartStopShutdown);

        // Arrange
        var vmid = await CreateContainerAsync(0);

        // Act + Assert: start
        await Host.StartAsync(vmid);
        (await GetAsync(vmid)).IsRunning.Should().BeTrue();
        await ViewShouldSeeStatusAsync(vmid, ContainerStatus.Running);

        // Act + Assert: a clean shutdown
        await Host.ShutdownAsync(vmid, TimeSpan.FromSeconds(30), forceStop: true);
        (await GetAsync(vmid)).IsRunning.Should().BeFalse();
        await ViewShouldSeeStatusAsync(vmid, ContainerStatus.Stopped);

        // Act + Assert: start again, then a hard stop
        await Host.StartAsync(vmid);
        await Host.StopAsync(vmid);
        (await GetAsync(vmid)).IsRunning.Should().BeFalse();
        await ViewShouldSeeStatusAsync(vmid, ContainerStatus.Stopped);
    }

    [SkippableFact]
    public async Task I_can_destroy_a_container()
    {
        SkipIfExcluded(ContractScenario.Destroy);

        // Arrange
        var vmid = await CreateContainerAsync(0);

        // Act
        await Host.DestroyAsync(vmid, purge: true);

        // Assert
        (await Host.GetContainerAsync(vmid)).Should().BeNull();
        (await Host.ListContainersAsync()).Should().NotContain(c => c.Vmid == vmid);
        await ViewShouldSeeStatusAsync(vmid, null);
    }
}
