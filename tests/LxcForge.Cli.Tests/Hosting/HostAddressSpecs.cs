using LxcForge.Cli.Hosting;

namespace LxcForge.Cli.Tests.Hosting;

public sealed class HostAddressSpecs
{
    [Theory]
    [InlineData("https://pve.lan:8006", HostKind.ProxmoxApi, "https://pve.lan:8006/")]
    [InlineData("https://pve.lan", HostKind.ProxmoxApi, "https://pve.lan:8006/")]
    [InlineData("https://10.0.0.2:443", HostKind.ProxmoxApi, "https://10.0.0.2/")]
    [InlineData("ssh://root@pve.lan:2222", HostKind.Shell, null)]
    [InlineData("local", HostKind.Shell, null)]
    [InlineData("lxc://", HostKind.Lxc, null)]
    [InlineData("sim://lab", HostKind.Simulator, null)]
    [InlineData("sim://", HostKind.Simulator, null)]
    public void Each_kind_of_host_is_recognised(string text, HostKind kind, string? apiUrl)
    {
        // Act
        var address = HostAddress.Parse(text);

        // Assert
        address.Kind.Should().Be(kind);
        address.ApiUrl?.ToString().Should().Be(apiUrl);
    }

    [Fact]
    public void A_named_simulator_keeps_its_name_and_a_bare_one_is_fresh()
    {
        HostAddress.Parse("sim://lab").Name.Should().Be("lab");
        HostAddress.Parse("sim://").Name.Should().BeNull();
        HostAddress.Parse("lxc:///var/lib/lxc").Name.Should().Be("/var/lib/lxc");
    }

    [Theory]
    [InlineData("https://root:secret@pve.lan:8006", "credentials do not belong in the URL")]
    [InlineData("http://pve.lan:8006", "HTTPS only")]
    [InlineData("sim://../etc", "letters, digits")]
    [InlineData("ftp://pve", "unknown kind of host")]
    [InlineData("pve.lan", "unknown kind of host")]
    public void A_bad_host_is_refused_with_a_sentence_and_never_echoes_a_password(string text, string expected)
    {
        // Act
        var parse = () => HostAddress.Parse(text);

        // Assert
        var error = parse.Should().Throw<FormatException>().Which;
        error.Message.Should().Contain(expected).And.NotContain("secret");
    }
}
