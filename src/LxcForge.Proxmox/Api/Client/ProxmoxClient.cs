using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary>
/// The Proxmox VE REST API as a tree of clients that mirrors its paths:
/// <c>client.Nodes["pve"].Lxc[200].Clone(…)</c>, <c>client.Cluster.ResourcesAsync()</c>,
/// <c>client.Nodes["pve"].Tasks.WaitAsync(upid)</c>.
/// </summary>
public sealed class ProxmoxClient : ApiClientBase, IDisposable
{
    public ProxmoxClient(ProxmoxConnectionOptions options)
        : this(new PveTransport(options)) { }

    public ProxmoxClient(PveTransport transport)
        : base(transport, ApiPath.Root)
    {
        Nodes = new NodesClient(transport, Path["nodes"]);
        Cluster = new ClusterClient(transport, Path["cluster"]);
    }

    public NodesClient Nodes { get; }

    public ClusterClient Cluster { get; }

    public async Task<PveVersion> VersionAsync(CancellationToken ct = default) => PveVersion.From(await GetAsync(Path["version"], null, ct));

    public void Dispose() => Transport.Dispose();
}
