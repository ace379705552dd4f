using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Proxmox.Shell.Parsing;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    public Task<BackupInfo> BackupAsync(BackupRequest request, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"back up CT {request.Vmid} to {request.Storage}", request.Vmid, async () =>
        {
            var node = await NodeOfAsync(request.Vmid, cancellationToken);
            var storage = _client.Nodes[node].Storage[request.Storage];
            var body = new ApiParams()
                .Add("vmid", request.Vmid)
                .Add("storage", request.Storage)
                .Add("mode", request.Mode.ToString().ToLowerInvariant())
                .Add("compress", request.Compress)
                .Add("notes-template", request.Notes)
                .Add("protected", request.Protected ? true : null);
            var outcome = await _calls.WriteAsync(
                async t => await WaitAsync(node, await _client.Nodes[node].VzdumpAsync(body, t), t),
                // A vzdump task for this CT since we began means an earlier attempt got through: wait for it, do not back up twice.
                async t =>
                    await FindEarlierTaskAsync(node, "vzdump", request.Vmid, started, t) is { } earlier
                        ? await _client.Nodes[node].Tasks.WaitAsync(earlier, ct: t)
                        : null,
                cancellationToken
            );
            var file = outcome.TaskId is { } upid ? ArchiveNameFromLog(await _client.Nodes[node].Tasks.LogAsync(upid, cancellationToken)) : null;
            var volumes = await _calls.ReadAsync(t => storage.ContentAsync("backup", request.Vmid, t), cancellationToken);
            var made = (file is null ? null : volumes.FirstOrDefault(v => v.FileName == file))
                ?? await NewestBackupAsync(storage, request.Vmid, started, cancellationToken)
                ?? throw new HostException(HostErrorKind.TaskFailed, $"the backup task ended but no new backup of CT {request.Vmid} is on {request.Storage}")
                {
                    TaskId = outcome.TaskId,
                };
            return ToBackupInfo(made, request.Storage);
        });
    }

    public Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string storage, int? vmid = null, CancellationToken cancellationToken = default) =>
        DoingAsync($"list the backups on {storage}", vmid, async () =>
        {
            var seen = new Dictionary<string, BackupInfo>();
            foreach (var node in await NodesWithStorageAsync(storage, cancellationToken))
            {
                var volumes = await _calls.ReadAsync(t => _client.Nodes[node].Storage[storage].ContentAsync("backup", vmid, t), cancellationToken);
                // A shared storage lists the same backups on every node.
                foreach (var v in volumes)
                    seen.TryAdd(v.VolumeId, ToBackupInfo(v, storage));
            }

            return (IReadOnlyList<BackupInfo>)seen.Values.OrderBy(b => b.CreatedAt).ToList();
        });

    public Task DeleteBackupAsync(string volumeId, CancellationToken cancellationToken = default) => DoingAsync($"delete backup {volumeId}", null, async () =>
        {
            var storageId = volumeId.Contains(':')
                ? volumeId[..volumeId.IndexOf(':')]
                : throw new HostException(HostErrorKind.InvalidRequest, $"'{volumeId}' is not a volume id (STORAGE:backup/FILE)");
            foreach (var node in await NodesWithStorageAsync(storageId, cancellationToken))
            {
                var storage = _client.Nodes[node].Storage[storageId];
                if (!(await _calls.ReadAsync(t => storage.ContentAsync("backup", null, t), cancellationToken)).Any(v => v.VolumeId == volumeId))
                    continue;
                await _calls.WriteAsync(
                    async t => await WaitAsync(node, await storage.DeleteVolumeAsync(volumeId, t), t),
                    async t => (await storage.ContentAsync("backup", null, t)).Any(v => v.VolumeId == volumeId) ? null : TaskOutcome.None,
                    cancellationToken
                );
                return;
            }

            throw new HostException(HostErrorKind.NotFound, $"backup {volumeId} does not exist");
        });

    public Task<TaskOutcome> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"restore {request.Archive} to CT {request.Vmid}", request.Vmid, async () =>
        {
            var body = new ApiParams()
                .Add("vmid", request.Vmid)
                .Add("ostemplate", request.Archive)
                .Add("restore", true)
                .Add("storage", request.Storage)
                .Add("force", request.Force ? true : null)
                .Add("unique", request.Unique ? true : null)
                .Add("start", request.Start ? true : null)
                .AddAll(request.Options);
            // With --force the target existed before; only a missing lock tells that a lost attempt finished.
            return await _calls.WriteAsync(
                async t => await WaitAsync(request.Node, await _client.Nodes[request.Node].Lxc.CreateAsync(body, t), t),
                request.Force
                    ? null
                    : async t =>
                        await FindAsync(request.Vmid, t) is null
                            ? null
                            : await WaitForEarlierTaskAsync(request.Node, "vzrestore", request.Vmid, started, request.Vmid, t),
                cancellationToken
            );
        });
    }

    /// <summary>vzdump logs <c>INFO: creating vzdump archive '/path/vzdump-lxc-200-….tar.zst'</c> (docs/proxmox-behaviour.md#vzdump-log).</summary>
    internal static string? ArchiveNameFromLog(IEnumerable<string> log) => log.Select(VzdumpLog.ArchivePath).LastOrDefault(p => p is not null)?.Split('/')[^1];

    private async Task<StorageVolume?> NewestBackupAsync(Client.StorageClient storage, int vmid, DateTimeOffset since, CancellationToken ct) =>
        (await storage.ContentAsync("backup", vmid, ct))
            .Where(v => v.Created is null || v.Created >= since.AddMinutes(-1))
            .OrderByDescending(v => v.Created)
            .FirstOrDefault();

    private async Task<IReadOnlyList<string>> NodesWithStorageAsync(string storage, CancellationToken ct)
    {
        var nodes = new List<string>();
        foreach (var node in await OnlineNodesAsync(ct))
        {
            if ((await _calls.ReadAsync(t => _client.Nodes[node].Storage.ListAsync(t), ct)).Any(s => s.Storage == storage))
                nodes.Add(node);
        }

        return nodes.Count > 0 ? nodes : throw new HostException(HostErrorKind.NotFound, $"storage '{storage}' does not exist on any online node");
    }

    private static BackupInfo ToBackupInfo(StorageVolume v, string storage) =>
        new(
            v.VolumeId,
            storage,
            v.Vmid ?? BackupName.Vmid(v.FileName),
            v.Created ?? DateTimeOffset.MinValue,
            v.Size,
            string.IsNullOrEmpty(v.Notes) ? null : v.Notes,
            v.Protected
        );
}
