using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/cluster</c>: resources across all nodes, the next free id.</summary>
public sealed class ClusterClient : ApiClientBase
{
    internal ClusterClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    /// <summary><c>GET /cluster/resources[?type=vm|storage|node]</c>.</summary>
    public async Task<IReadOnlyList<ClusterResource>> ResourcesAsync(string? type = null, CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path["resources"], new ApiParams().Add("type", type), ct)).Select(ClusterResource.From).ToList();

    /// <summary><c>GET /cluster/nextid</c>: the lowest free id from 100 (reserves nothing).</summary>
    public async Task<int> NextIdAsync(CancellationToken ct = default) =>
        int.Parse(JsonRead.Text(await GetAsync(Path["nextid"], null, ct)) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
}
