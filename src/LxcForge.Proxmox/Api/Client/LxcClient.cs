using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/nodes/{node}/lxc</c>: create (and restore) containers; <c>[vmid]</c> for one container.</summary>
public sealed class LxcClient : ApiClientBase
{
    internal LxcClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    public ContainerClient this[int vmid] => new(Transport, Path[vmid], vmid);

    /// <summary><c>POST /nodes/{node}/lxc</c> (with <c>restore=1</c> for a restore); returns the task id.</summary>
    public async Task<string?> CreateAsync(ApiParams parameters, CancellationToken ct = default) => TaskIdOf(await PostAsync(Path, parameters, ct));
}
