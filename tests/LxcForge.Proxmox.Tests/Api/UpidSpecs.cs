using LxcForge.Proxmox.Api.Tasks;

namespace LxcForge.Proxmox.Tests.Api;

public sealed class UpidSpecs
{
    [Fact]
    public void I_can_parse_a_clone_task_id_issued_to_an_api_token()
    {
        // Act
        var upid = Upid.Parse("UPID:pve:0003A2F1:01B4C6D2:6650A1B3:vzclone:900:root@pam!deploy:");

        // Assert
        upid.Node.Should().Be("pve");
        upid.Pid.Should().Be(0x3A2F1);
        upid.ProcessStart.Should().Be(0x01B4C6D2);
        upid.StartTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(0x6650A1B3));
        upid.Type.Should().Be("vzclone");
        upid.Id.Should().Be("900");
        upid.Vmid.Should().Be(900);
        upid.User.Should().Be("root@pam!deploy");
        upid.ToString().Should().Be("UPID:pve:0003A2F1:01B4C6D2:6650A1B3:vzclone:900:root@pam!deploy:");
    }

    [Theory]
    [InlineData("UPID:node-2:00001234:1B4C6D2A9:6650A1B3:vzdump::root@pam:", "vzdump", "", null)]
    [InlineData(
        "UPID:pve:00001234:01B4C6D2:6650A1B3:download:debian-12-standard_12.12-1_amd64.tar.zst:root@pam:",
        "download",
        "debian-12-standard_12.12-1_amd64.tar.zst",
        null
    )]
    [InlineData("UPID:pve:00001234:01B4C6D2:6650A1B3:vzstart:200:lxcforge@pve!ci:", "vzstart", "200", 200)]
    public void Nine_digit_process_starts_empty_ids_and_template_names_parse(string text, string type, string id, int? vmid)
    {
        // Act
        var upid = Upid.Parse(text);

        // Assert
        upid.Type.Should().Be(type);
        upid.Id.Should().Be(id);
        upid.Vmid.Should().Be(vmid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPID:pve:00001234:01B4C6D2:6650A1B3:vzstart:200:root@pam")]
    [InlineData("UPID:pve:zzzz:01B4C6D2:6650A1B3:vzstart:200:root@pam:")]
    [InlineData("UPID::00001234:01B4C6D2:6650A1B3:vzstart:200:root@pam:")]
    [InlineData("TASK:pve:00001234:01B4C6D2:6650A1B3:vzstart:200:root@pam:")]
    [InlineData("UPID:pve:00001234:01B4C6D2:6650A1B3:vzstart:200::")]
    public void Anything_else_is_not_a_task_id(string text)
    {
        // Act
        var ok = Upid.TryParse(text, out _);
        var parse = () => Upid.Parse(text);

        // Assert
        ok.Should().BeFalse();
        parse.Should().Throw<FormatException>().WithMessage("*not a Proxmox task id*");
    }
}
