namespace LxcForge.Lxc.Tests.Config;

public sealed class LxcHostOptionsSpecs
{
    [Theory]
    [InlineData("lxc://", null)]
    [InlineData("lxc:///srv/containers", "/srv/containers")]
    public void An_lxc_address_names_lxcs_default_path_or_a_container_directory(string address, string? expected)
    {
        // Act
        var options = LxcHostOptions.FromAddress(address);

        // Assert
        options.LxcPath.Should().Be(expected);
    }

    [Fact]
    public void Another_scheme_is_refused_with_the_expected_forms()
    {
        // Act
        var act = () => LxcHostOptions.FromAddress("https://pve:8006");

        // Assert
        act.Should().Throw<FormatException>().WithMessage("*lxc://PATH*");
    }
}
