using LxcForge.Core.Hosting;

namespace LxcForge.Core.Tests.Hosting;

public class PropertyStringSpecs
{
    [Theory]
    [InlineData(
        "ip=10.0.30.10/24,name=eth0,bridge=vmbr2,gw=10.0.30.1,type=veth,hwaddr=BC:24:11:AB:CD:EF",
        "name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:AB:CD:EF,ip=10.0.30.10/24,type=veth"
    )]
    [InlineData("name=eth0,bridge=vmbr0,ip=dhcp", "name=eth0,bridge=vmbr0,ip=dhcp")]
    [InlineData("bridge=vmbr2,name=eth1,tag=30,mtu=1450", "name=eth1,bridge=vmbr2,mtu=1450,tag=30")]
    public void I_can_parse_a_net_string_and_print_it_in_canonical_order(string input, string canonical)
    {
        // Act
        var net = NetworkInterface.Parse(input);

        // Assert
        net.ToString().Should().Be(canonical);
    }

    [Theory]
    [InlineData("local-lvm:vm-200-disk-0,size=8G", "local-lvm:vm-200-disk-0,size=8G")]
    [InlineData("size=4G,volume=local-hdd:900/base-900-disk-0.raw", "local-hdd:900/base-900-disk-0.raw,size=4G")]
    [InlineData("local-lvm:vm-200-disk-0,size=1536M,ro=1", "local-lvm:vm-200-disk-0,ro=1,size=1536M")]
    public void I_can_parse_a_rootfs_string_and_print_it_in_canonical_order(string input, string canonical)
    {
        VolumeSpec.Parse(input).ToString().Should().Be(canonical);
    }

    [Fact]
    public void I_can_parse_a_mount_point_whose_path_is_required()
    {
        var mp = VolumeSpec.Parse("local-lvm:vm-200-disk-1,mp=/data,size=10G,backup=1", isMountPoint: true);

        mp.MountPath.Should().Be("/data");
        mp.ToString().Should().Be("local-lvm:vm-200-disk-1,mp=/data,backup=1,size=10G");
        FluentActions
            .Invoking(() => VolumeSpec.Parse("local-lvm:vm-200-disk-1,size=10G", isMountPoint: true))
            .Should()
            .Throw<FormatException>()
            .WithMessage("*missing required key 'mp'*");
    }

    [Theory]
    [InlineData("nesting=1,keyctl=1", "keyctl=1,nesting=1")]
    [InlineData("nesting=on,fuse=yes", "fuse=1,nesting=1")]
    [InlineData("nesting=0", "")]
    public void I_can_parse_features_with_any_boolean_spelling(string input, string canonical)
    {
        ContainerFeatures.Parse(input).ToString().Should().Be(canonical);
    }

    [Theory]
    [InlineData("name=eth0,colour=blue", "unknown key 'colour'")]
    [InlineData("bridge=vmbr2", "missing required key 'name'")]
    [InlineData("name=eth0,name=eth1", "duplicate key 'name'")]
    [InlineData("eth0", "not of the form key=value")]
    public void I_get_a_clear_error_for_a_malformed_net_string(string input, string expected)
    {
        FluentActions.Invoking(() => NetworkInterface.Parse(input)).Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }

    [Theory]
    [InlineData("8G", false, 8L * 1024 * 1024 * 1024)]
    [InlineData("+10G", true, 10L * 1024 * 1024 * 1024)]
    [InlineData("512M", false, 512L * 1024 * 1024)]
    [InlineData("1073741824", false, 1073741824L)]
    [InlineData("1.5G", false, 1536L * 1024 * 1024)]
    public void I_can_parse_disk_sizes_in_binary_units_with_bytes_as_default(string text, bool relative, long bytes)
    {
        DiskSize.Parse(text).Should().Be((relative, bytes));
    }

    [Theory]
    [InlineData(8L * 1024 * 1024 * 1024, "8G")]
    [InlineData(1536L * 1024 * 1024, "1536M")]
    [InlineData(1000L, "1000")]
    [InlineData(2048L, "2K")]
    public void Disk_sizes_print_in_the_largest_exact_unit(long bytes, string text)
    {
        DiskSize.Format(bytes).Should().Be(text);
    }

    [Theory]
    [InlineData("10GB")]
    [InlineData("-1G")]
    [InlineData("ten")]
    public void A_malformed_disk_size_is_refused(string text)
    {
        FluentActions.Invoking(() => DiskSize.Parse(text)).Should().Throw<FormatException>();
    }

    [Fact]
    public void A_pct_config_text_round_trips_with_its_description_escaped()
    {
        var config = new ContainerConfig(
            new Dictionary<string, string>
            {
                ["hostname"] = "postgresql-db",
                ["description"] = "managed-by: lxcforge\nservice: postgresql",
                ["memory"] = "1024",
            }
        );

        var text = config.ToPctText();

        text.Should().Be("description: managed-by%3A lxcforge%0Aservice%3A postgresql\nhostname: postgresql-db\nmemory: 1024\n");
        ContainerConfig.ParsePctText(text).Description.Should().Be("managed-by: lxcforge\nservice: postgresql");
    }
}
