using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/nodes/{node}/lxc/{vmid}</c>: config, status, clone, template, resize, snapshots, delete.</summary>
public sealed class ContainerClient : ApiClientBase
{
    internal ContainerClient(PveTransport transport, ApiPath path, int vmid)
        : base(transport, path)
    {
        Vmid = vmid;
        Status = new ContainerStatusClient(transport, path["status"], vmid);
        Snapshots = new SnapshotsClient(transport, path["snapshot"]);
    }

    public int Vmid { get; }

    public ContainerStatusClient Status { get; }

    public SnapshotsClient Snapshots { get; }

    /// <summary><c>GET …/config</c>: pending values applied, the digest included.</summary>
    public async Task<ContainerConfig> ConfigAsync(CancellationToken ct = default) => new(JsonRead.Members(await GetAsync(Path["config"], null, ct)));

    /// <summary><c>PUT …/config</c>: synchronous, returns nothing.</summary>
    public Task UpdateConfigAsync(ApiParams parameters, CancellationToken ct = default) => PutAsync(Path["config"], parameters, ct);

    /// <summary><c>POST …/clone</c>; returns the task id (whose id is the SOURCE vmid).</summary>
    public async Task<string?> CloneAsync(ApiParams parameters, CancellationToken ct = default) => TaskIdOf(await PostAsync(Path["clone"], parameters, ct));

    /// <summary><c>POST …/template</c>: returns null, its worker runs unseen; poll the config for <c>template: 1</c>.</summary>
    public Task TemplateAsync(CancellationToken ct = default) => PostAsync(Path["template"], null, ct);

    /// <summary><c>PUT …/resize</c>; returns the task id.</summary>
    public async Task<string?> ResizeAsync(string disk, string size, CancellationToken ct = default) =>
        TaskIdOf(await PutAsync(Path["resize"], new ApiParams().Add("disk", disk).Add("size", size), ct));

    /// <summary><c>DELETE /nodes/{node}/lxc/{vmid}</c>; returns the task id.</summary>
    public async Task<string?> DeleteAsync(bool force, bool purge, CancellationToken ct = default) =>
        TaskIdOf(await DeleteAsync(Path, new ApiParams().Add("force", force ? true : null).Add("purge", purge ? true : null), ct));
}

/// <summary><c>/nodes/{node}/lxc/{vmid}/status</c>.</summary>
public sealed class ContainerStatusClient : ApiClientBase
{
    private readonly int _vmid;

    internal ContainerStatusClient(PveTransport transport, ApiPath path, int vmid)
        : base(transport, path) => _vmid = vmid;

    public async Task<ContainerCurrentStatus> CurrentAsync(CancellationToken ct = default) =>
        ContainerCurrentStatus.From(await GetAsync(Path["current"], null, ct), _vmid);

    public async Task<string?> StartAsync(CancellationToken ct = default) => TaskIdOf(await PostAsync(Path["start"], null, ct));

    public async Task<string?> StopAsync(CancellationToken ct = default) => TaskIdOf(await PostAsync(Path["stop"], null, ct));

    public async Task<string?> ShutdownAsync(TimeSpan timeout, bool forceStop, CancellationToken ct = default) =>
        TaskIdOf(await PostAsync(Path["shutdown"], new ApiParams().Add("timeout", (long)Math.Ceiling(timeout.TotalSeconds)).Add("forceStop", forceStop), ct));
}

/// <summary><c>/nodes/{node}/lxc/{vmid}/snapshot</c>.</summary>
public sealed class SnapshotsClient : ApiClientBase
{
    internal SnapshotsClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    /// <summary>The snapshots, <c>current</c> (the live state) included.</summary>
    public async Task<IReadOnlyList<SnapshotEntry>> ListAsync(CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path, null, ct)).Select(SnapshotEntry.From).ToList();

    public async Task<string?> CreateAsync(string name, string? description, CancellationToken ct = default) =>
        TaskIdOf(await PostAsync(Path, new ApiParams().Add("snapname", name).Add("description", description), ct));

    public async Task<string?> RollbackAsync(string name, CancellationToken ct = default) => TaskIdOf(await PostAsync(Path[name]["rollback"], null, ct));

    public async Task<string?> DeleteAsync(string name, CancellationToken ct = default) => TaskIdOf(await DeleteAsync(Path[name], null, ct));
}
