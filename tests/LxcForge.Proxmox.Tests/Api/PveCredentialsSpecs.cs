using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Tests.Api;

public sealed class PveCredentialsSpecs
{
    [Theory]
    [InlineData("root@pam!lxcforge=0f1e2d3c-aaaa-bbbb-cccc-123456789abc", "root@pam!lxcforge", "0f1e2d3c-aaaa-bbbb-cccc-123456789abc")]
    [InlineData("PVEAPIToken=deploy@pve!ci=s3cr3t=with=equals\n", "deploy@pve!ci", "s3cr3t=with=equals")]
    [InlineData("  deploy@pve!ci s3cr3t  ", "deploy@pve!ci", "s3cr3t")]
    public void I_can_read_a_token_as_proxmox_prints_it(string text, string id, string secret)
    {
        // Act
        var token = PveCredentials.ParseToken(text, "token file");

        // Assert
        token.TokenId.Should().Be(id);
        token.TokenSecret.Should().Be(secret);
        token.IsRootAtPam.Should().BeFalse("tokens are never root@pam itself");
    }

    [Theory]
    [InlineData("")]
    [InlineData("just-a-secret")]
    [InlineData("root@pam=secret")]
    [InlineData("root!id=secret")]
    [InlineData("root@pam!id=")]
    public void A_malformed_token_is_refused_without_echoing_it(string text)
    {
        // Act
        var parse = () => PveCredentials.ParseToken(text, "/home/me/token");

        // Assert
        var error = parse.Should().Throw<FormatException>().Which;
        error.Message.Should().Contain("/home/me/token").And.Contain("USER@REALM!TOKENID=SECRET");
        if (text.Length > 0)
            error.Message.Should().NotContain(text);
    }

    [Fact]
    public void Credentials_never_show_their_secret_when_printed()
    {
        // Arrange
        var token = PveCredentials.ParseToken("root@pam!x=very-secret-value", "test");
        var login = new PasswordLogin("root@pam", "hunter2-password");

        // Act
        var printed = $"{token} {login} {new ProxmoxConnectionOptions(new Uri("https://pve:8006"), token)}";

        // Assert
        printed.Should().NotContain("very-secret-value").And.NotContain("hunter2-password");
        printed.Should().Contain("root@pam!x");
        login.IsRootAtPam.Should().BeTrue();
    }
}
