using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task I_can_set_config_and_read_it_back_and_a_new_ip_keeps_the_mac()
    {
        SkipIfExcluded(ContractScenario.ConfigSetAndReadBack);

        // Arrange
        var vmid = await CreateContainerAsync(0);
        var before = await GetAsync(vmid);
        var mac = before.Config.Net(0)!.HardwareAddress;

        // Act: new resources, a new address (given without hwaddr, as a spec would), and a deleted key
        await Host.UpdateConfigAsync(
            vmid,
            new ConfigChange
            {
                Set = new Dictionary<string, string>
                {
                    ["memory"] = "512",
                    ["cores"] = "2",
                    ["net0"] = $"name=eth0,bridge={Env.Bridge},ip={Address(5)}/24,gw={Env.Gateway}",
                    ["description"] = "line one\nline two: with a colon",
                },
                Delete = ["swap"],
            }
        );

        // Assert
        var after = (await GetAsync(vmid)).Config;
        after.Memory.Should().Be(512);
        after.Cores.Should().Be(2);
        after.Net(0)!.Ip.Should().Be($"{Address(5)}/24");
        after.Net(0)!.HardwareAddress.Should().Be(mac, "changing only the address must keep the MAC");
        after.Description.Should().Be("line one\nline two: with a colon");
        after["swap"].Should().BeNull();
        await ViewShouldSeeAsync(vmid, "memory", "512");
        await ViewShouldSeeAsync(vmid, "description", "line one\nline two: with a colon");
    }

    [SkippableFact]
    public async Task I_can_grow_a_disk_and_a_shrink_is_refused()
    {
        SkipIfExcluded(ContractScenario.ResizeGrowAndRefuseShrink);

        // Arrange: created with a 1 GiB root disk
        var vmid = await CreateContainerAsync(0);

        // Act
        await Host.ResizeAsync(vmid, "rootfs", "+1G");
        await Host.ResizeAsync(vmid, "rootfs", "3G");
        var shrink = await ShouldFailAsync(() => Host.ResizeAsync(vmid, "rootfs", "1G"));

        // Assert
        (await GetAsync(vmid)).Config.RootFs!.SizeBytes.Should().Be(DiskSize.GiB(3));
        shrink.Kind.Should().Be(HostErrorKind.InvalidRequest);
        shrink.Message.Should().Contain("shrink");
        if (Target.View is not null)
            VolumeSpec.Parse((await Target.View.ReadConfigAsync(vmid))!["rootfs"]!).SizeBytes.Should().Be(DiskSize.GiB(3));
    }
}
