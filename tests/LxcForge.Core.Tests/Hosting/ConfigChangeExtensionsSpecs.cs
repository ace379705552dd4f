using LxcForge.Core.Hosting;

namespace LxcForge.Core.Tests.Hosting;

public class ConfigChangeExtensionsSpecs
{
    private static readonly ContainerConfig Current = ContainerConfig.ParsePctText(
        "net0: name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:5E:21:0A,ip=10.0.30.10/24,type=veth\nmemory: 256\n"
    );

    [Fact]
    public void A_new_address_given_without_a_mac_keeps_the_current_mac()
    {
        // Arrange
        var change = ConfigChange.Of(("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.15/24,gw=10.0.30.1"), ("memory", "512"));

        // Act
        var kept = change.KeepingMacAddresses(Current);

        // Assert
        kept.Set["net0"].Should().Be("name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:5E:21:0A,ip=10.0.30.15/24");
        kept.Set["memory"].Should().Be("512");
        change.SetsNetwork().Should().BeTrue();
    }

    [Fact]
    public void A_mac_given_explicitly_or_a_new_interface_is_left_alone()
    {
        var change = ConfigChange.Of(("net0", "name=eth0,bridge=vmbr2,hwaddr=BC:24:11:00:00:01,ip=dhcp"), ("net1", "name=eth1,bridge=vmbr0,ip=dhcp"));

        var kept = change.KeepingMacAddresses(Current);

        kept.Set.Should().BeEquivalentTo(change.Set);
        ConfigChange.Of(("memory", "1")).SetsNetwork().Should().BeFalse();
    }
}
