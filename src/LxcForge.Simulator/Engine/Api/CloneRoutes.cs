using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>POST .../clone</c> (docs/proxmox-behaviour.md#clone) and <c>POST .../template</c> (docs/proxmox-behaviour.md#template-conversion).</summary>
internal static class CloneRoutes
{
    /// <summary>Config keys a clone does not copy.</summary>
    private static bool NotCopied(string key) => key is "lock" or "template" or "parent" or "snaptime" or "snapstate" || ConfigValues.Indexed(key, "unused");

    public static JsonNode? Clone(RouteContext c)
    {
        var src = c.Container();
        var node = c.NodeName;
        var newid = c.Int("newid") ?? throw Pve.Param("newid", "property is missing and it is not optional");
        var storageId = c.Optional("storage");
        if (storageId is not null)
            _ = c.Storage(storageId);
        var target = c.Optional("target") is { } t && t != node && t != "localhost" ? t : null;
        if (target is not null)
        {
            _ = c.State.Node(target) ?? throw Pve.Die($"no such cluster node '{target}'");
            if (storageId is not null && c.State.Storage(target, storageId) is not { Profile.Shared: true })
                throw Pve.Die($"can't clone to non-shared storage '{storageId}'");
        }

        if (src.Lock is { } l)
            throw Pve.Locked(l);
        src.Config["lock"] = "disk";
        if (c.State.Containers.TryGetValue(newid, out var existing))
        {
            src.Config.Remove("lock");
            throw Pve.Die($"CT {newid} already exists on node '{existing.Node}'");
        }

        var clone = new SimContainer { Vmid = newid, Node = node };
        clone.Config["lock"] = "create";
        c.State.Containers[newid] = clone;
        bool full;
        List<(string Key, VolumeSpec Spec)> volumes;
        try
        {
            full = c.Bool("full") ?? !src.IsTemplate;
            volumes = CheckClone(c, src, full, storageId, target);
        }
        catch
        {
            c.State.Containers.Remove(newid);
            src.Config.Remove("lock");
            throw;
        }

        var hostname = c.Optional("hostname");
        var description = c.Optional("description");
        var cluster = c.Cluster;
        var allocated = new List<(string Node, string Volid)>();
        var destNode = target ?? node;
        return cluster
            .Tasks.Start(
                node,
                "vzclone",
                StatusRoutes.Id(src.Vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    SortedDictionary<string, string> config;
                    using (cluster.Gate.Enter())
                    {
                        config = new SortedDictionary<string, string>(src.Config.Where(kv => !NotCopied(kv.Key)).ToDictionary(), StringComparer.Ordinal);
                    }

                    if (hostname is not null)
                        config["hostname"] = hostname;
                    if (description is not null)
                        config["description"] = description;
                    ConfigValues.RenewMacs(config);

                    // The sandbox copy is real work the time model does not count: it runs under the modelled streaming,
                    // so a clone takes the model's time (not that plus the copy's real time × the time factor).
                    var copying = cluster.Sandboxes.CopyAsync(src.Vmid, newid);
                    try
                    {
                        foreach (var (key, spec) in volumes)
                        {
                            if (full)
                                await FullCopyAsync(cluster, ctx, src.Vmid, newid, node, destNode, key, spec, storageId, config, allocated);
                            else
                                await LinkAsync(cluster, ctx, node, newid, key, spec, config, allocated);
                        }
                    }
                    catch
                    {
                        // Let the copy end before the failure handler deletes the sandbox.
                        await copying.ContinueWith(_ => { }, TaskScheduler.Default);
                        throw;
                    }

                    await copying;
                    using (cluster.Gate.Enter())
                    {
                        clone.Config = config;
                        clone.Node = destNode;
                    }

                    cluster.Sandboxes.WriteIdentity(newid, clone.Name);
                })
                {
                    ErrorPrefix = "clone failed: ",
                    OnFailure = () =>
                    {
                        foreach (var (n, volid) in allocated)
                            StorageOps.Free(cluster.State, n, volid);
                        if (cluster.State.Containers.GetValueOrDefault(newid) == clone)
                            cluster.State.Containers.Remove(newid);
                        cluster.Sandboxes.Delete(newid);
                    },
                    Finally = () =>
                    {
                        if (src.Lock == "disk")
                            src.Config.Remove("lock");
                    },
                }
            )
            .Upid;
    }

    /// <summary>The synchronous checks after the locks are taken (docs/proxmox-behaviour.md#clone and #clone-locks); returns the volumes to copy.</summary>
    private static List<(string Key, VolumeSpec Spec)> CheckClone(RouteContext c, SimContainer src, bool full, string? storageId, string? target)
    {
        if (!full && storageId is not null)
            throw Pve.Die("parameter 'storage' not allowed for linked clones");
        var snapname = c.Optional("snapname");
        if (snapname is not null && src.Snapshots.All(s => s.Name != snapname))
            throw Pve.Die($"snapshot '{snapname}' does not exist");
        if (full && src.Running && snapname is null)
            throw Pve.Die("Full clone of a running container is only possible from a snapshot");
        var volumes = new List<(string, VolumeSpec)>();
        foreach (var key in src.VolumeKeys.ToList())
        {
            var spec = VolumeSpec.Parse(src.Config[key], key != "rootfs");
            if (spec.Volume.StartsWith('/'))
                throw Pve.Die($"unable to clone mountpoint '{key}' (type bind)");
            var storage = c.Storage(spec.Storage);
            if (!full && !(storage.SupportsLinkedClone && (src.IsTemplate || snapname is not null)))
                throw Pve.Die($"Linked clone feature for '{spec.Volume}' is not available");
            if (target is not null && storageId is null && !storage.Profile.Shared)
                throw Pve.Die($"can't clone CT to node '{target}' (CT uses local storage)");
            volumes.Add((key, spec));
        }

        return volumes;
    }

    private static async Task FullCopyAsync(
        SimulatorCluster cluster,
        TaskContext ctx,
        int srcId,
        int newid,
        string node,
        string destNode,
        string key,
        VolumeSpec spec,
        string? storageId,
        IDictionary<string, string> config,
        List<(string, string)> allocated
    )
    {
        SimStorage source,
            dest;
        SimVolume newVolume;
        long bytes;
        using (cluster.Gate.Enter())
        {
            source = cluster.State.Storage(node, spec.Storage) ?? throw new TaskFailedException($"storage '{spec.Storage}' does not exist");
            bytes = cluster.State.Volume(node, spec.Volume)?.UsedBytes ?? 0;
            var destId = storageId ?? spec.Storage;
            dest = cluster.State.Storage(destNode, destId) ?? throw new TaskFailedException($"storage '{destId}' does not exist");
            newVolume = StorageOps.AllocateDisk(dest, newid, spec.SizeBytes ?? (4L << 30), cluster.Clock.GetUtcNow().ToUnixTimeSeconds());
            allocated.Add((destNode, newVolume.Volid));
            config[key] = (spec with { Volume = newVolume.Volid }).ToString();
        }

        ctx.Log($"create full clone of mountpoint {key} ({spec.Volume})");
        ctx.Log($"Formatting '{StoragePaths.Path(dest, newVolume)}', fmt={newVolume.Format} size={spec.SizeBytes ?? (4L << 30)}");
        await StorageOps.WriteAsync(
            cluster,
            source,
            dest,
            newVolume,
            bytes,
            $"command 'rsync --stats -X -A --numeric-ids -aH --whole-file --sparse --one-file-system '--bwlimit=0' /var/lib/lxc/{newid}/.copy-volume-2/ /var/lib/lxc/{newid}/.copy-volume-1' failed: exit code 11",
            ctx
        );
        ctx.Log($"Number of files: 31,342 (reg: 24,590, dir: 2,374, link: 4,346, special: 32)");
        ctx.Log($"Total bytes sent: {bytes}");
        _ = srcId;
    }

    private static async Task LinkAsync(
        SimulatorCluster cluster,
        TaskContext ctx,
        string node,
        int newid,
        string key,
        VolumeSpec spec,
        IDictionary<string, string> config,
        List<(string, string)> allocated
    )
    {
        SimStorage storage;
        using (cluster.Gate.Enter())
        {
            storage = cluster.State.Storage(node, spec.Storage) ?? throw new TaskFailedException($"storage '{spec.Storage}' does not exist");
            var baseName = spec.Volume[(spec.Volume.IndexOf(':') + 1)..];
            var volid = storage.NewDiskVolid(newid, baseName);
            storage.Volumes[volid] = new SimVolume
            {
                Volid = volid,
                Content = "rootdir",
                Format = storage.DiskFormat,
                Vmid = newid,
                SizeBytes = spec.SizeBytes ?? (4L << 30),
                UsedBytes = 0,
                Ctime = cluster.Clock.GetUtcNow().ToUnixTimeSeconds(),
                BaseVolid = spec.Volume,
            };
            allocated.Add((node, volid));
            config[key] = (spec with { Volume = volid }).ToString();
        }

        ctx.Log($"create linked clone of mount point {key} ({spec.Volume})");
        await cluster.Streams.TransferAsync(null, storage, 0, ctx.CancellationToken);
        ctx.Log($"  Logical volume \"{config[key].Split(',')[0].Split('/')[^1]}\" created.");
    }

    public static JsonNode? Template(RouteContext c)
    {
        var ct = c.Container();
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        if (ct.Snapshots.Count > 0)
            throw Pve.Die("unable to create template, because CT contains snapshots");
        if (ct.IsTemplate)
            throw Pve.Die("you can't convert a template to a template");
        if (ct.Running)
            throw Pve.Die("you can't convert a CT to template if the CT is running");
        var cluster = c.Cluster;
        var node = c.NodeName;
        cluster.Tasks.Start(
            node,
            "vztemplate",
            StatusRoutes.Id(ct.Vmid),
            c.User,
            new TaskRunner.Worker(_ =>
            {
                using (cluster.Gate.Enter())
                    TemplateVolumes.Convert(cluster.State, ct);

                return Task.CompletedTask;
            })
        );
        return null;
    }
}
