using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>POST /nodes/{node}/vzdump</c> and restore (create with <c>restore=1</c>): docs/proxmox-behaviour.md#vzdump and #restore.</summary>
internal static class BackupRoutes
{
    public static JsonNode? Vzdump(RouteContext c)
    {
        var node = c.NodeName;
        var vmids =
            c.Bool("all") == true
                ? c.State.Containers.Values.Where(ct => ct.Node == node).Select(ct => ct.Vmid).ToList()
                : (c.Optional("vmid") ?? throw Pve.Die("either 'vmid', 'all' or 'pool' is needed"))
                    .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => int.TryParse(v, out var id) ? id : throw Pve.Param("vmid", $"value '{v}' does not look like a valid VM ID"))
                    .ToList();
        var storage = c.Storage(c.Optional("storage") ?? "local");
        if (!storage.HasContent("backup"))
            throw Pve.Die($"can't use storage '{storage.Id}' for backups - wrong content type");
        var mode = c.Optional("mode") ?? "snapshot";
        if (mode is not ("snapshot" or "suspend" or "stop"))
            throw Pve.Param("mode", $"value '{mode}' does not have a value in the enumeration 'snapshot, suspend, stop'");
        var compress = c.Optional("compress") ?? "0";
        var job = new BackupJob(c.Cluster, node, storage, mode, compress, c.Optional("notes-template"), c.Bool("protected") == true);
        var id = vmids.Count == 1 ? StatusRoutes.Id(vmids[0]) : "";
        var command = "vzdump " + string.Join(' ', vmids) + $" --storage {storage.Id} --mode {mode}" + (compress != "0" ? $" --compress {compress}" : "");
        return c.Cluster.Tasks.Start(node, "vzdump", id, c.User, new TaskRunner.Worker(ctx => job.RunAsync(ctx, vmids, command))).Upid;
    }

    /// <summary>The restore form of create: <c>ostemplate</c> is a backup volid (docs/proxmox-behaviour.md#restore).</summary>
    public static JsonNode? Restore(RouteContext c)
    {
        var node = c.NodeName;
        var vmid = c.Vmid;
        var archive = c.Required("ostemplate");
        var force = c.Bool("force") == true;
        var unique = c.Bool("unique") == true;
        var existed = c.State.Containers.GetValueOrDefault(vmid);
        if (existed is not null && !force)
            throw Pve.Die($"CT {vmid} already exists on node '{existed.Node}'");
        if (existed is not null && existed.Node != node)
            throw Pve.Die($"CT {vmid} already exists on node '{existed.Node}'");
        if (existed is { Running: true })
            throw Pve.Die("can't overwrite running container");
        if (existed?.Lock is { } l)
            throw Pve.Locked(l);
        var backup = c.State.Volume(node, archive) ?? throw Pve.Die($"volume '{archive}' does not exist");
        if (backup.Content != "backup")
            throw Pve.Die($"unable to use volume {archive} - content type needs to be 'backup'");
        var overrides = ContainerRoutes.BuildConfig(c, vmid, withDefaults: false);
        var advanced = overrides.Keys.Any(k => k == "rootfs" || ConfigValues.Indexed(k, "mp"));
        var backedUp = ContainerConfig.ParsePctText(backup.BackupConfig ?? "").Values;
        var storageId = c.Optional("storage") ?? "local";
        var disks = advanced
            ? ContainerRoutes.AllocationRequests(c, overrides)
            : backedUp
                .Where(kv => kv.Key == "rootfs" || ConfigValues.Indexed(kv.Key, "mp"))
                .Select(kv => VolumeSpec.Parse(kv.Value, kv.Key != "rootfs"))
                .Zip(backedUp.Keys.Where(k => k == "rootfs" || ConfigValues.Indexed(k, "mp")))
                .Select(p => new DiskRequest(p.Second, storageId, p.First.SizeBytes ?? (4L << 30), p.First))
                .ToList();
        foreach (var d in disks)
        {
            if (!c.Storage(d.Storage).HasContent("rootdir"))
                throw Pve.Param("storage", $"storage '{d.Storage}' does not support container directories");
        }

        var ct = existed ?? new SimContainer { Vmid = vmid, Node = node };
        var protectedCt = existed?.Config.GetValueOrDefault("protection") == "1";
        ct.Config["lock"] = "create";
        c.State.Containers[vmid] = ct;
        var cluster = c.Cluster;
        var allocated = new List<string>();
        var backupStorage = c.Storage(backup.Storage);
        return cluster
            .Tasks.Start(
                node,
                "vzrestore",
                StatusRoutes.Id(vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    if (protectedCt)
                        throw new TaskFailedException("protection mode enabled");
                    if (existed is not null)
                        DestroyVolumes(cluster, ct, ctx);
                    ctx.Log($"recovering backed-up configuration from '{archive}'");
                    var config = new SortedDictionary<string, string>(
                        backedUp.Where(kv => kv.Key is not ("lock" or "template") && !ConfigValues.Indexed(kv.Key, "unused")).ToDictionary(),
                        StringComparer.Ordinal
                    );
                    await ContainerRoutes.AllocateAndFillAsync(
                        cluster,
                        node,
                        vmid,
                        disks,
                        config,
                        allocated,
                        backupStorage,
                        backup.DataBytes,
                        ctx,
                        $"restoring '{archive}' now.."
                    );
                    ctx.Log($"Total bytes read: {backup.DataBytes}");
                    ctx.Log("merging backed-up and given configuration..");
                    foreach (var (k, v) in overrides.Where(kv => kv.Key != "rootfs" && !ConfigValues.Indexed(kv.Key, "mp")))
                        config[k] = v;
                    if (unique)
                        ConfigValues.RenewMacs(config);
                    if (backup.ArchiveFile is { } file)
                        await cluster.Sandboxes.ExtractAsync(Path.Combine(cluster.StateDirectory, file), vmid, ctx.CancellationToken);
                    using (cluster.Gate.Enter())
                    {
                        ct.Config = new SortedDictionary<string, string>(config, StringComparer.Ordinal) { ["lock"] = "create" };
                        ct.Pending.Clear();
                        ct.PendingDelete.Clear();
                        ct.Snapshots.Clear();
                        ct.Parent = null;
                        if (backedUp.GetValueOrDefault("template") == "1")
                            TemplateVolumes.Convert(cluster.State, ct);
                    }
                })
                {
                    ErrorPrefix = $"unable to restore CT {vmid} - ",
                    OnFailure = () =>
                    {
                        foreach (var volid in allocated)
                            StorageOps.Free(cluster.State, node, volid);
                        if (existed is null && cluster.State.Containers.GetValueOrDefault(vmid) == ct)
                        {
                            cluster.State.Containers.Remove(vmid);
                            cluster.Sandboxes.Delete(vmid);
                        }
                    },
                    Finally = () =>
                    {
                        if (ct.Lock == "create")
                            ct.Config.Remove("lock");
                    },
                }
            )
            .Upid;
    }

    private static void DestroyVolumes(SimulatorCluster cluster, SimContainer ct, TaskContext ctx)
    {
        using (cluster.Gate.Enter())
        {
            foreach (var key in ct.VolumeKeys.ToList())
            {
                var volid = VolumeSpec.Parse(ct.Config[key], key != "rootfs").Volume;
                StorageOps.Free(cluster.State, ct.Node, volid);
                ctx.Log($"  Logical volume \"{volid[(volid.IndexOf(':') + 1)..]}\" successfully removed.");
            }
        }
    }

    /// <summary>One vzdump job: backs up each guest in turn, holding the node's global backup lock.</summary>
    private sealed record BackupJob(
        SimulatorCluster Cluster,
        string Node,
        SimStorage Storage,
        string Mode,
        string Compress,
        string? NotesTemplate,
        bool Protected
    )
    {
        public async Task RunAsync(TaskContext ctx, IReadOnlyList<int> vmids, string command)
        {
            var globalLock = Cluster.BackupLock(Node);
            if (!await globalLock.WaitAsync(0, ctx.CancellationToken))
            {
                ctx.Log("INFO: trying to get global lock - waiting...");
                await globalLock.WaitAsync(ctx.CancellationToken);
                ctx.Log("INFO: got global lock");
            }

            var errors = 0;
            try
            {
                ctx.Log($"INFO: starting new backup job: {command}");
                foreach (var vmid in vmids)
                {
                    try
                    {
                        await BackupOneAsync(ctx, vmid);
                    }
                    catch (Exception ex) when (ex is TaskFailedException or PveApiException or IOException)
                    {
                        errors++;
                        ctx.Log($"ERROR: Backup of VM {vmid} failed - {ex.Message}");
                    }
                }
            }
            finally
            {
                globalLock.Release();
            }

            if (errors > 0)
                throw new TaskFailedException("job errors");
            ctx.Log("INFO: Backup job finished successfully");
        }

        private async Task BackupOneAsync(TaskContext ctx, int vmid)
        {
            SimContainer ct;
            var started = Cluster.Clock.GetUtcNow();
            ctx.Log($"INFO: Starting Backup of VM {vmid} (lxc)");
            ctx.Log($"INFO: Backup started at {started:yyyy-MM-dd HH:mm:ss}");
            List<(SimStorage Storage, long Bytes)> sources;
            string mode;
            using (Cluster.Gate.Enter())
            {
                ct =
                    Cluster.State.Containers.GetValueOrDefault(vmid) is { } found && found.Node == Node
                        ? found
                        : throw new TaskFailedException($"unable to find configuration file for VM {vmid} on node '{Node}'");
                ctx.Log($"INFO: status = {(ct.Running ? "running" : "stopped")}");
                if (ct.Lock is { } l)
                    throw Pve.Locked(l);
                ct.Config["lock"] = "backup";
                sources = ct
                    .VolumeKeys.Select(k => VolumeSpec.Parse(ct.Config[k], k != "rootfs").Volume)
                    .Select(v => (Cluster.State.Storage(Node, v.Split(':')[0])!, Cluster.State.Volume(Node, v)?.UsedBytes ?? 0))
                    .ToList();
                mode = ct.Running ? Mode : "stop";
            }

            try
            {
                ctx.Log($"INFO: CT Name: {ct.Name}");
                ctx.Log("INFO: including mount point rootfs ('/') in backup");
                if (mode == "snapshot" && sources.Any(s => !s.Storage.SupportsSnapshots))
                {
                    ctx.Log("INFO: mode failure - some volumes do not support snapshots");
                    ctx.Log("INFO: trying 'suspend' mode instead");
                    mode = "suspend";
                }

                ctx.Log($"INFO: backup mode: {mode}");
                var restart = false;
                if (mode == "stop" && ct.Running)
                {
                    ctx.Log("INFO: stopping virtual guest");
                    await Lifecycle.StopAsync(Cluster, ct, ctx, Cluster.TimeModel.ShutdownDuration);
                    restart = true;
                }

                if (mode == "snapshot")
                    ctx.Log("INFO: create storage snapshot 'vzdump'");
                if (mode == "suspend")
                    ctx.Log($"INFO: starting first sync /proc/{ct.Vmid}/root/ to /var/tmp/vzdumptmp{ct.Vmid}_{vmid}/");
                await WriteArchiveAsync(ctx, ct, sources, started);
                if (mode == "snapshot")
                    ctx.Log("INFO: cleanup temporary 'vzdump' snapshot");
                if (restart)
                {
                    ctx.Log("INFO: restarting vm");
                    using (Cluster.Gate.Enter())
                        ct.Config.Remove("lock");
                    await Lifecycle.StartAsync(Cluster, ct, ctx);
                }

                var took = Cluster.Clock.GetUtcNow() - started;
                ctx.Log($"INFO: Finished Backup of VM {vmid} ({took:hh\\:mm\\:ss})");
            }
            finally
            {
                using (Cluster.Gate.Enter())
                {
                    if (ct.Lock == "backup")
                        ct.Config.Remove("lock");
                }
            }
        }

        private async Task WriteArchiveAsync(TaskContext ctx, SimContainer ct, List<(SimStorage Storage, long Bytes)> sources, DateTimeOffset started)
        {
            var extension = Compress switch
            {
                "zstd" => ".tar.zst",
                "gzip" => ".tar.gz",
                "lzo" or "1" => ".tar.lzo",
                _ => ".tar",
            };
            var name = "backup/" + BackupName.Format(ct.Vmid, started, extension);
            var data = sources.Sum(s => s.Bytes);
            var archiveBytes = (long)(data * Cluster.TimeModel.CompressionRatio(Compress));
            ctx.Log($"INFO: creating vzdump archive '{StoragePaths.Path(Storage, "backup", name)}'");
            using (Cluster.Gate.Enter())
            {
                if (Storage.FreeBytes < archiveBytes)
                {
                    throw new TaskFailedException(
                        $"command 'set -o pipefail && lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar cpf - --totals --one-file-system -p --sparse --numeric-owner --acls --xattrs '--xattrs-include=user.*' '--xattrs-include=security.capability' '--warning=no-file-ignored' '--warning=no-xattr-write' --one-file-system '--warning=no-file-ignored' '--directory={StoragePaths.Path(Storage, "backup", "backup/")}' ./etc/vzdump/pct.conf ./etc/vzdump/pct.fw '--directory=/mnt/vzsnap0' --no-anchored '--exclude=lost+found' --anchored '--exclude=./tmp/?*' '--exclude=./var/tmp/?*' '--exclude=./var/run/?*.pid' ./ >{StoragePaths.Path(Storage, "backup", name)}.dat' failed: exit code 2"
                    );
                }
            }

            foreach (var (storage, bytes) in sources)
                await Cluster.Streams.TransferAsync(storage, Storage, bytes, ctx.CancellationToken);
            var file = Path.Combine("archives", Guid.NewGuid().ToString("N") + ".tar");
            await Cluster.Sandboxes.ArchiveAsync(ct.Vmid, Path.Combine(Cluster.StateDirectory, file), ctx.CancellationToken);
            using (Cluster.Gate.Enter())
            {
                var volid = $"{Storage.Id}:{name}";
                Storage.Volumes[volid] = new SimVolume
                {
                    Volid = volid,
                    Content = "backup",
                    Format = extension == ".tar" ? "tar" : "t" + extension[5..],
                    Vmid = ct.Vmid,
                    SizeBytes = archiveBytes,
                    UsedBytes = archiveBytes,
                    DataBytes = data,
                    Ctime = started.ToUnixTimeSeconds(),
                    Notes = NotesTemplate is null ? null : ExpandNotes(NotesTemplate, ct),
                    Protected = Protected,
                    BackupConfig = string.Concat(ct.Config.Where(kv => kv.Key != "lock").Select(kv => $"{kv.Key}: {kv.Value}\n")),
                    ArchiveFile = file,
                };
            }

            ctx.Log(string.Create(CultureInfo.InvariantCulture, $"INFO: archive file size: {archiveBytes / (double)(1 << 20):0.##}MB"));
        }

        private string ExpandNotes(string template, SimContainer ct) =>
            template
                .Replace("{{guestname}}", ct.Name, StringComparison.Ordinal)
                .Replace("{{node}}", Node, StringComparison.Ordinal)
                .Replace("{{vmid}}", StatusRoutes.Id(ct.Vmid), StringComparison.Ordinal)
                .Replace("{{cluster}}", Cluster.State.ClusterName, StringComparison.Ordinal);
    }
}
