using System.Text.Json.Nodes;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/nodes</c> and <c>/nodes/{node}</c>.</summary>
public sealed class NodesClient : ApiClientBase
{
    internal NodesClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    public NodeClient this[string node] => new(Transport, Path[node], node);

    public async Task<IReadOnlyList<PveNode>> ListAsync(CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path, null, ct)).Select(PveNode.From).ToList();
}

/// <summary><c>/nodes/{node}</c>: its containers, storages, tasks, network, appliance templates and vzdump.</summary>
public sealed class NodeClient : ApiClientBase
{
    internal NodeClient(PveTransport transport, ApiPath path, string name)
        : base(transport, path)
    {
        Name = name;
        Lxc = new LxcClient(transport, path["lxc"]);
        Storage = new StoragesClient(transport, path["storage"]);
        Tasks = new TasksClient(transport, path["tasks"]);
    }

    public string Name { get; }

    public LxcClient Lxc { get; }

    public StoragesClient Storage { get; }

    public TasksClient Tasks { get; }

    /// <summary><c>GET /nodes/{node}/network?type=…</c> (<c>any_bridge</c> for bridges).</summary>
    public async Task<IReadOnlyList<PveNetworkInterface>> NetworkAsync(string? type = null, CancellationToken ct = default) =>
        JsonRead.Items(await GetAsync(Path["network"], new ApiParams().Add("type", type), ct)).Select(PveNetworkInterface.From).ToList();

    /// <summary><c>GET /nodes/{node}/certificates/info</c>: the node's certificate files (root CA, node certificate), as returned.</summary>
    public Task<JsonNode?> CertificatesInfoAsync(CancellationToken ct = default) => GetAsync(Path["certificates"]["info"], null, ct);

    /// <summary><c>GET /nodes/{node}/aplinfo</c>: templates the node can download, as (section, template) pairs.</summary>
    public async Task<IReadOnlyList<(string Section, string Template)>> AplinfoAsync(CancellationToken ct = default) =>
        JsonRead
            .Items(await GetAsync(Path["aplinfo"], null, ct))
            .Select(n => (JsonRead.Str(n, "section") ?? string.Empty, JsonRead.Str(n, "template") ?? string.Empty))
            .ToList();

    /// <summary><c>POST /nodes/{node}/aplinfo</c>: downloads an appliance template; returns the task id.</summary>
    public async Task<string?> DownloadAplAsync(string storage, string template, CancellationToken ct = default) =>
        TaskIdOf(await PostAsync(Path["aplinfo"], new ApiParams().Add("storage", storage).Add("template", template), ct));

    /// <summary><c>POST /nodes/{node}/vzdump</c>; returns the task id.</summary>
    public async Task<string?> VzdumpAsync(ApiParams parameters, CancellationToken ct = default) => TaskIdOf(await PostAsync(Path["vzdump"], parameters, ct));
}
