using LxcForge.Core.Spec.Addressing;
using LxcForge.Core.Spec.Validation;

namespace LxcForge.Core.Tests.Spec;

public class Ipv4SubnetSpecs
{
    [Fact]
    public void A_subnet_knows_its_network_broadcast_and_members()
    {
        Ipv4Subnet.TryParse("10.0.30.0/24", out var subnet, out _).Should().BeTrue();

        Ipv4.Format(subnet.Network).Should().Be("10.0.30.0");
        Ipv4.Format(subnet.Broadcast).Should().Be("10.0.30.255");
        subnet.Contains("10.0.30.90").Should().BeTrue();
        subnet.Contains("10.0.31.1").Should().BeFalse();
        subnet.ToString().Should().Be("10.0.30.0/24");
    }

    [Theory]
    [InlineData("10.0.30.0", "CIDR form")]
    [InlineData("10.0.30.0/31", "prefix of 1–30")]
    [InlineData("10.0.300.0/24", "CIDR form")]
    [InlineData("10.0.30.7/29", "host bits set; the subnet is 10.0.30.0/29")]
    public void A_malformed_subnet_says_why(string text, string fragment)
    {
        Ipv4Subnet.TryParse(text, out _, out var error).Should().BeFalse();

        error.Should().Contain(fragment);
    }

    [Theory]
    [InlineData("10.0.30.10", true)]
    [InlineData("10.0.30", false)]
    [InlineData("10.0.30.10/24", false)]
    [InlineData("::1", false)]
    [InlineData("010.0.30.10", false)]
    [InlineData("10.0.30.256", false)]
    [InlineData("0.0.0.0", true)]
    public void Only_dotted_quads_are_addresses(string text, bool valid)
    {
        Ipv4.TryParse(text, out _).Should().Be(valid);
    }

    [Theory]
    [InlineData("brige", "bridge")]
    [InlineData("hostnme", "hostname")]
    [InlineData("startup_order", "startup-order")]
    [InlineData("zzzzzz", null)]
    public void A_misspelt_key_gets_the_closest_valid_one(string word, string? expected)
    {
        DidYouMean.Closest(word, ["bridge", "hostname", "startup-order", "subnet"]).Should().Be(expected);
    }
}
