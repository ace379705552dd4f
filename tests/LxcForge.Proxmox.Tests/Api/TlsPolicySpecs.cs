using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Tests.Api;

public sealed class TlsPolicySpecs
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pve", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void A_pinned_fingerprint_accepts_exactly_that_self_signed_certificate()
    {
        // Arrange
        using var cert = SelfSigned();
        using var other = SelfSigned();
        var policy = TlsPolicy.Pinned(TlsPolicy.Fingerprint(cert).Replace(":", "", StringComparison.Ordinal).ToLowerInvariant());

        // Act
        var accepted = policy.Check(cert, SslPolicyErrors.RemoteCertificateChainErrors);
        var refused = policy.Check(other, SslPolicyErrors.RemoteCertificateChainErrors);

        // Assert
        accepted.Should().BeNull();
        refused.Should().Contain("does not match the pinned").And.Contain(TlsPolicy.Fingerprint(other));
    }

    [Fact]
    public void By_default_an_untrusted_certificate_is_refused_with_its_fingerprint_to_pin()
    {
        // Arrange
        using var cert = SelfSigned();

        // Act
        var refused = TlsPolicy.SystemTrust.Check(cert, SslPolicyErrors.RemoteCertificateChainErrors);

        // Assert
        refused.Should().Contain("not trusted").And.Contain(TlsPolicy.Fingerprint(cert)).And.Contain("--fingerprint");
        TlsPolicy.SystemTrust.Check(cert, SslPolicyErrors.None).Should().BeNull();
        TlsPolicy.Insecure.Check(cert, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeNull();
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("not a fingerprint at all")]
    public void A_malformed_fingerprint_is_refused(string text) =>
        ((Action)(() => TlsPolicy.Pinned(text))).Should().Throw<FormatException>().WithMessage("*SHA-256 fingerprint*");
}
