using LxcForge.Core.Hosting;
using LxcForge.Lxc.Config;

namespace LxcForge.Lxc.Tests.Config;

public sealed class ConfigTranslatorSpecs
{
    private static readonly HostFacts V1 = new(CgroupV2Memory: false, HasSwapAccounting: true, HostCpus: 4, new IdRange(100000, 65536), "/nonexistent");
    private static readonly HostFacts V2 = V1 with { CgroupV2Memory = true };

    private static ContainerConfig Service() =>
        new(
            new Dictionary<string, string>
            {
                ["hostname"] = "postgresql-db",
                ["arch"] = "amd64",
                ["ostype"] = "debian",
                ["memory"] = "1024",
                ["swap"] = "512",
                ["cores"] = "2",
                ["unprivileged"] = "1",
                ["onboot"] = "1",
                ["features"] = "nesting=1",
                ["net0"] = "name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:AA:BB:CC,ip=10.0.30.10/24,type=veth",
                ["rootfs"] = "local-lvm:200/subvol-200-disk-0.subvol,size=4G",
                ["description"] = "managed-by: lxcforge\nsecond line",
                ["tags"] = "database;lxcforge",
            }
        );

    [Fact]
    public void Proxmox_keys_written_as_lxc_keys_read_back_unchanged()
    {
        // Arrange
        var translator = new ConfigTranslator(V1);

        // Act
        var (lxc, side) = translator.Write(200, Service(), "/srv/rootfs", previous: null);
        var back = translator.Read(LxcConfigFile.Parse(lxc.ToString()), ContainerConfig.ParsePctText(side.ToPctText()));

        // Assert
        back.Values.Should().BeEquivalentTo(Service().Values);
    }

    [Fact]
    public void Keys_lxc_has_go_to_the_lxc_config_and_only_the_rest_to_the_side_file()
    {
        // Arrange
        var translator = new ConfigTranslator(V1);

        // Act
        var (lxc, side) = translator.Write(200, Service(), "/srv/rootfs", previous: null);

        // Assert
        lxc["lxc.uts.name"].Should().Be("postgresql-db");
        lxc["lxc.net.0.link"].Should().Be("vmbr2");
        lxc["lxc.net.0.ipv4.address"].Should().Be("10.0.30.10/24");
        lxc["lxc.net.0.ipv4.gateway"].Should().Be("10.0.30.1");
        lxc["lxc.net.0.hwaddr"].Should().Be("BC:24:11:AA:BB:CC");
        lxc["lxc.cgroup.memory.limit_in_bytes"].Should().Be("1073741824");
        lxc["lxc.cgroup.memory.memsw.limit_in_bytes"].Should().Be("1610612736");
        lxc["lxc.cgroup.cpuset.cpus"].Should().Be("0-1");
        lxc["lxc.start.auto"].Should().Be("1");
        lxc["lxc.rootfs.path"].Should().Be("dir:/srv/rootfs");
        lxc.All("lxc.idmap").Should().Equal("u 0 100000 65536", "g 0 100000 65536");
        side.Values.Keys.Should().BeEquivalentTo(["ostype", "cores", "features", "rootfs", "description", "tags"]);
    }

    [Fact]
    public void On_cgroup2_memory_and_swap_use_the_unified_keys()
    {
        // Act
        var (lxc, _) = new ConfigTranslator(V2).Write(200, Service(), "/srv/rootfs", previous: null);

        // Assert
        lxc["lxc.cgroup2.memory.max"].Should().Be("1073741824");
        lxc["lxc.cgroup2.memory.swap.max"].Should().Be("536870912");
        lxc["lxc.cgroup.memory.limit_in_bytes"].Should().BeNull();
    }

    [Fact]
    public void A_deleted_swap_writes_no_swap_limit_and_reads_back_absent()
    {
        // Arrange
        var translator = new ConfigTranslator(V1);

        // Act
        var (lxc, side) = translator.Write(200, Service().With("swap", null), "/srv/rootfs", previous: null);
        var back = translator.Read(lxc, side);

        // Assert
        lxc["lxc.cgroup.memory.memsw.limit_in_bytes"].Should().BeNull();
        back["swap"].Should().BeNull();
    }

    [Fact]
    public void The_users_own_lxc_lines_are_kept_and_shown_as_raw_keys()
    {
        // Arrange
        var translator = new ConfigTranslator(V1);
        var previous = LxcConfigFile.Parse("lxc.uts.name = old\nlxc.tty.max = 2\n# a comment\nlxc.net.0.type = veth\n");

        // Act
        var (lxc, side) = translator.Write(200, Service(), "/srv/rootfs", previous);
        var back = translator.Read(lxc, side);

        // Assert
        lxc["lxc.tty.max"].Should().Be("2");
        lxc["lxc.uts.name"].Should().Be("postgresql-db");
        back["lxc.tty.max"].Should().Be("2");
    }

    [Fact]
    public void A_dhcp_address_has_no_lxc_key_and_survives_in_the_side_file()
    {
        // Arrange
        var translator = new ConfigTranslator(V1);
        var config = Service().With("net0", "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:AA:BB:CC,ip=dhcp");

        // Act
        var (lxc, side) = translator.Write(200, config, "/srv/rootfs", previous: null);
        var back = translator.Read(lxc, side);

        // Assert
        lxc["lxc.net.0.ipv4.address"].Should().BeNull();
        back.Net(0)!.Ip.Should().Be("dhcp");
        back.Net(0)!.Bridge.Should().Be("vmbr0");
    }

    [Fact]
    public void Unprivileged_without_a_subordinate_id_range_is_refused_as_unsupported()
    {
        // Arrange
        var translator = new ConfigTranslator(V1 with { IdMap = null });

        // Act
        var act = () => translator.Write(200, Service(), "/srv/rootfs", previous: null);

        // Assert
        act.Should().Throw<HostException>().Which.Kind.Should().Be(HostErrorKind.Unsupported);
    }
}
