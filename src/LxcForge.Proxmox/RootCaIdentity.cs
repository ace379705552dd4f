using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox;

/// <summary>
/// A Proxmox host's identity from <c>GET /nodes/{node}/certificates/info</c> (over the API, or <c>pvesh get</c> on the
/// node): the fingerprint of the cluster's root CA, <c>pve-root-ca.pem</c>, one per cluster (see <see cref="HostIdentity"/>).
/// </summary>
public static class RootCaIdentity
{
    public const string RootCaFile = "pve-root-ca.pem";

    public static string From(JsonNode? certificatesInfo, string node)
    {
        var entries = certificatesInfo as JsonArray ?? [];
        var rootCa = entries.OfType<JsonObject>().FirstOrDefault(e => (string?)e["filename"] == RootCaFile);
        if (rootCa?["fingerprint"]?.GetValue<string>() is not { Length: > 0 } fingerprint)
            throw new HostException(
                HostErrorKind.Unsupported,
                $"node {node} lists no {RootCaFile} in its certificates (GET /nodes/{node}/certificates/info), so the host cannot be told apart from another"
            );
        return HostIdentity.ProxmoxCluster(fingerprint);
    }
}
