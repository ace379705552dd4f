using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    public Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default) => DoingAsync("read the host's version and nodes", null, async () =>
        {
            var version = await _calls.ReadAsync(_client.VersionAsync, cancellationToken);
            var nodes = await _calls.ReadAsync(_client.Nodes.ListAsync, cancellationToken);
            return new HostInfo(
                "pve-manager",
                version.Version,
                version.Release,
                nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => new NodeInfo(n.Name, n.Online, n.Cores, n.MemoryBytes)).ToList()
            );
        });

    public Task<string> GetIdentityAsync(CancellationToken cancellationToken = default) =>
        DoingAsync("read the host's root CA (its identity)", null, async () =>
        {
            // Every node of a cluster shares the root CA: any online one answers for all.
            var node = (await OnlineNodesAsync(cancellationToken)).FirstOrDefault()
                ?? throw new HostException(HostErrorKind.Unreachable, "no node of the host is online");
            var info = await _calls.ReadAsync(t => _client.Nodes[node].CertificatesInfoAsync(t), cancellationToken);
            return RootCaIdentity.From(info, node);
        });

    public Task<IReadOnlyList<StorageInfo>> GetStoragesAsync(string? node = null, CancellationToken cancellationToken = default) =>
        DoingAsync("list storages", null, async () =>
        {
            var nodes = node is not null ? [node] : await OnlineNodesAsync(cancellationToken);
            var result = new List<StorageInfo>();
            foreach (var n in nodes)
            {
                var storages = await _calls.ReadAsync(t => _client.Nodes[n].Storage.ListAsync(t), cancellationToken);
                result.AddRange(
                    storages.Select(s => new StorageInfo(
                        s.Storage,
                        n,
                        s.Type,
                        s.Content.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
                        s.Shared,
                        s.Active,
                        s.Enabled,
                        s.Total,
                        s.Used
                    ))
                );
            }

            return (IReadOnlyList<StorageInfo>)result;
        });

    public Task<IReadOnlyList<BridgeInfo>> GetBridgesAsync(string node, CancellationToken cancellationToken = default) =>
        DoingAsync($"list the bridges of node {node}", null, async () =>
        {
            var interfaces = await _calls.ReadAsync(t => _client.Nodes[node].NetworkAsync("any_bridge", t), cancellationToken);
            return (IReadOnlyList<BridgeInfo>)
                interfaces
                    .Where(i => i.Type is "bridge" or "OVSBridge" or "vnet" || i.Type.Length == 0)
                    .Select(i => new BridgeInfo(i.Iface, node, i.Cidr, i.Active))
                    .ToList();
        });

    public Task<IReadOnlyList<OsTemplateInfo>> GetOsTemplatesAsync(string node, string storage, CancellationToken cancellationToken = default) =>
        DoingAsync($"list the OS templates on {storage}", null, async () =>
        {
            var volumes = await _calls.ReadAsync(t => _client.Nodes[node].Storage[storage].ContentAsync("vztmpl", null, t), cancellationToken);
            return (IReadOnlyList<OsTemplateInfo>)volumes.Select(v => new OsTemplateInfo(v.VolumeId, v.FileName, v.Size)).ToList();
        });

    public Task<IReadOnlyList<string>> GetAvailableOsTemplatesAsync(string node, CancellationToken cancellationToken = default) =>
        DoingAsync("list the OS templates available for download", null, async () =>
        {
            var apl = await _calls.ReadAsync(t => _client.Nodes[node].AplinfoAsync(t), cancellationToken);
            return (IReadOnlyList<string>)apl.Where(a => a.Section == "system").Select(a => a.Template).Order(StringComparer.Ordinal).ToList();
        });

    public Task<TaskOutcome> DownloadOsTemplateAsync(string node, string storage, string template, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"download {template} to {storage}", null, () =>
            _calls.WriteAsync(
                async t => await WaitAsync(node, await _client.Nodes[node].DownloadAplAsync(storage, template, t), t),
                async t =>
                    (await GetOsTemplatesAsync(node, storage, t)).Any(o => o.Name == template)
                        ? await WaitForEarlierTaskAsync(node, "download", null, started, null, t)
                        : null,
                cancellationToken
            )
        );
    }

    private async Task<IReadOnlyList<string>> OnlineNodesAsync(CancellationToken ct) =>
        (await _calls.ReadAsync(_client.Nodes.ListAsync, ct)).Where(n => n.Online).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
}
