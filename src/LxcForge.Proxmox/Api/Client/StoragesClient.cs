using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/nodes/{node}/storage</c>: storages as one node sees them; <c>[id]</c> for one storage.</summary>
public sealed class StoragesClient : ApiClientBase
{
    internal StoragesClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    public StorageClient this[string storage] => new(Transport, Path[storage]);

    public async Task<IReadOnlyList<PveStorage>> ListAsync(CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path, null, ct)).Select(PveStorage.From).ToList();
}

/// <summary><c>/nodes/{node}/storage/{storage}</c>.</summary>
public sealed class StorageClient : ApiClientBase
{
    internal StorageClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    /// <summary><c>GET …/content[?content=backup|vztmpl|rootdir][&amp;vmid=N]</c>.</summary>
    public async Task<IReadOnlyList<StorageVolume>> ContentAsync(string? content = null, int? vmid = null, CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path["content"], new ApiParams().Add("content", content).Add("vmid", vmid), ct)).Select(StorageVolume.From).ToList();

    /// <summary><c>DELETE …/content/{volume}</c>; returns the task id when the host runs it as a task.</summary>
    public async Task<string?> DeleteVolumeAsync(string volumeId, CancellationToken ct = default) =>
        TaskIdOf(await DeleteAsync(Path["content"][volumeId], null, ct));
}
