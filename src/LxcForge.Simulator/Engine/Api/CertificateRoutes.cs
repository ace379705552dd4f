using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>
/// <c>GET /nodes/{node}/certificates/info</c>: the node's certificate files as Proxmox describes them. The simulator
/// has the cluster's root CA (<c>pve-root-ca.pem</c>); its HTTPS certificate is made per server start and is not listed.
/// </summary>
internal static class CertificateRoutes
{
    public static JsonNode? Info(RouteContext c)
    {
        _ = c.Node;
        using var ca = c.Cluster.RootCertificateAuthority();
        return new JsonArray(Describe("pve-root-ca.pem", ca));
    }

    private static JsonObject Describe(string filename, X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        return new JsonObject
        {
            ["filename"] = filename,
            ["fingerprint"] = SimulatorCluster.Fingerprint(certificate),
            ["issuer"] = Slashed(certificate.IssuerName),
            ["subject"] = Slashed(certificate.SubjectName),
            ["notbefore"] = new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(),
            ["notafter"] = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(),
            ["pem"] = certificate.ExportCertificatePem() + "\n",
            ["public-key-type"] = rsa is null ? "id-ecPublicKey" : "rsaEncryption",
            ["public-key-bits"] = rsa?.KeySize ?? 256,
            ["san"] = new JsonArray(),
        };
    }

    // Proxmox prints names OpenSSL's old way: /CN=…/OU=…/O=…
    private static string Slashed(X500DistinguishedName name) =>
        string.Concat(name.EnumerateRelativeDistinguishedNames().Select(r => $"/{Short(r.GetSingleElementType().Value)}={r.GetSingleElementValue()}"));

    private static string Short(string? oid) =>
        oid switch
        {
            "2.5.4.3" => "CN",
            "2.5.4.10" => "O",
            "2.5.4.11" => "OU",
            "2.5.4.6" => "C",
            _ => oid ?? "?",
        };
}
