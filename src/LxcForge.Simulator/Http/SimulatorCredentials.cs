using System.Security.Cryptography.X509Certificates;
using LxcForge.Simulator.Http.Tls;

namespace LxcForge.Simulator.Http;

/// <summary>
/// What a client needs to log in to a running simulator: an API token (<c>root@pam!lxcforge</c> plus a
/// random secret) and a user/password pair for <c>POST /access/ticket</c>. ToString never shows a secret.
/// </summary>
public sealed record SimulatorCredentials(string TokenId, string TokenSecret, string UserName, string Password)
{
    /// <summary>The value for an <c>Authorization</c> header: <c>PVEAPIToken=root@pam!lxcforge=SECRET</c>.</summary>
    public string AuthorizationHeader => $"PVEAPIToken={TokenId}={TokenSecret}";

    public override string ToString() => $"SimulatorCredentials {{ TokenId = {TokenId}, UserName = {UserName}, secrets hidden }}";
}

/// <summary>Where a started simulator listens and how to trust and log in to it.</summary>
/// <param name="BaseUrl">Scheme, 127.0.0.1 and the real port, ending in '/': <c>https://127.0.0.1:8006/</c>.</param>
/// <param name="CertificateSha256Fingerprint">The self-signed certificate's SHA-256 as Proxmox shows it (<c>AB:CD:…</c>); null over plain HTTP.</param>
public sealed record SimulatorEndpoint(Uri BaseUrl, string? CertificateSha256Fingerprint, SimulatorCredentials Credentials)
{
    /// <summary><c>{BaseUrl}api2/json/</c>: append an API path without its leading slash.</summary>
    public Uri ApiUrl => new(BaseUrl, "api2/json/");

    /// <summary>Whether <paramref name="certificate"/> is this server's (for a client's certificate-validation callback).</summary>
    public bool Presents(X509Certificate? certificate) =>
        certificate is not null
        && CertificateSha256Fingerprint is { } expected
        && string.Equals(SelfSignedCertificate.Fingerprint(certificate), expected, StringComparison.Ordinal);
}
