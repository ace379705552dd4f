using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

public sealed class ApiBulkReadSpecs : IAsyncLifetime
{
    private const string Template = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";
    private SimulatedPve _pve = null!;

    public async Task InitializeAsync() => _pve = await SimulatedPve.StartAsync();

    public async Task DisposeAsync() => await _pve.DisposeAsync();

    [Fact]
    public async Task Reading_several_containers_lists_the_cluster_once_and_reads_only_their_configs()
    {
        // Arrange
        RecordingHandler? recorder = null;
        await using var host = _pve.Host(wrap: h => recorder = new RecordingHandler(h));
        foreach (var vmid in new[] { 300, 301, 302 })
        {
            await host.CreateAsync(
                new CreateContainerRequest(vmid, "pve", Template, "local-lvm")
                {
                    Options = new Dictionary<string, string>
                    {
                        ["hostname"] = $"bulk-{vmid}",
                        ["rootfs"] = "local-lvm:1",
                        ["memory"] = $"{vmid + 212}",
                    },
                }
            );
        }

        await host.StartAsync(301);
        var before = recorder!.Requests.Count;

        // Act
        var found = await ((IContainerHost)host).GetContainersAsync([300, 301, 399]);
        var requests = recorder.Requests.Skip(before).ToList();

        // Assert
        found.Keys.Should().BeEquivalentTo([300, 301], "399 does not exist");
        found[300].Config.Memory.Should().Be(512);
        found[300].Summary.Name.Should().Be("bulk-300");
        found[301].IsRunning.Should().BeTrue();
        found[300].IsRunning.Should().BeFalse();
        found
            .Values.Should()
            .BeEquivalentTo([(await host.GetContainerAsync(300))!, (await host.GetContainerAsync(301))!], "the bulk read says what one by one says");
        requests
            .Should()
            .BeEquivalentTo(
                ["GET /api2/json/cluster/resources", "GET /api2/json/nodes/pve/lxc/300/config", "GET /api2/json/nodes/pve/lxc/301/config"],
                "one list, then only the configs of the containers asked for that exist"
            );
    }
}
