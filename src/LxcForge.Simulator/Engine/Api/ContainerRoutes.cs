using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/nodes/{node}/lxc</c>: list, create, destroy, the per-CT index.</summary>
internal static class ContainerRoutes
{
    /// <summary>Create parameters that are not config keys.</summary>
    private static readonly HashSet<string> CreateOnly = new(StringComparer.Ordinal)
    {
        "node",
        "vmid",
        "ostemplate",
        "storage",
        "password",
        "ssh-public-keys",
        "start",
        "pool",
        "restore",
        "force",
        "unique",
        "ignore-unpack-errors",
        "bwlimit",
        "ha-managed",
    };

    public static JsonNode? List(RouteContext c)
    {
        var node = c.NodeName;
        return new JsonArray(c.State.Containers.Values.Where(ct => ct.Node == node).Select(ct => (JsonNode)ContainerViews.Status(c.Cluster, ct)).ToArray());
    }

    public static JsonNode? Index(RouteContext c)
    {
        _ = c.Container();
        return new JsonArray(
            new[] { "config", "status", "snapshot", "resize", "clone", "template", "pending", "interfaces" }
                .Select(s => (JsonNode)new JsonObject { ["subdir"] = s })
                .ToArray()
        );
    }

    public static JsonNode? Create(RouteContext c)
    {
        if (c.Bool("restore") == true)
            return BackupRoutes.Restore(c);
        var node = c.NodeName;
        var vmid = c.Vmid;
        var ostemplate = c.Required("ostemplate");
        if (c.State.Containers.TryGetValue(vmid, out var existing))
            throw Pve.Die($"CT {vmid} already exists on node '{existing.Node}'");
        var config = BuildConfig(c, vmid);
        var disks = AllocationRequests(c, config);
        if (c.State.Volume(node, ostemplate) is { Content: not "vztmpl" })
            throw Pve.Die($"unable to use volume {ostemplate} - content type needs to be 'vztmpl'");

        var ct = new SimContainer { Vmid = vmid, Node = node };
        ct.Config["lock"] = "create";
        c.State.Containers[vmid] = ct;
        var start = c.Bool("start") == true;
        var cluster = c.Cluster;
        var allocated = new List<string>();
        var task = cluster.Tasks.Start(
            node,
            "vzcreate",
            vmid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.User,
            new TaskRunner.Worker(async ctx =>
            {
                SimVolume template;
                SimStorage templateStorage;
                using (cluster.Gate.Enter())
                {
                    template = cluster.State.Volume(node, ostemplate) ?? throw new TaskFailedException($"volume '{ostemplate}' does not exist");
                    templateStorage = cluster.State.Storage(node, template.Storage)!;
                }

                var os = cluster.State.Templates.FirstOrDefault(t => ostemplate.EndsWith("/" + t.FileName, StringComparison.Ordinal));
                await AllocateAndFillAsync(
                    cluster,
                    node,
                    vmid,
                    disks,
                    config,
                    allocated,
                    templateStorage,
                    os?.UnpackedBytes ?? template.SizeBytes * 4,
                    ctx,
                    $"extracting archive '{StoragePaths.Path(templateStorage, template)}'"
                );
                ctx.Log("Total bytes read: " + (os?.UnpackedBytes ?? template.SizeBytes * 4));
                ctx.Log("Detected container architecture: amd64");
                using (cluster.Gate.Enter())
                {
                    if (!config.ContainsKey("ostype"))
                        config["ostype"] = os?.OsType ?? "debian";
                    ct.Config = new SortedDictionary<string, string>(config, StringComparer.Ordinal);
                }

                ctx.Log("Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ...");
                if (start)
                    await Lifecycle.StartAsync(cluster, ct, ctx);
            })
            {
                ErrorPrefix = $"unable to create CT {vmid} - ",
                OnFailure = () =>
                {
                    foreach (var volid in allocated)
                        StorageOps.Free(cluster.State, node, volid);
                    if (cluster.State.Containers.GetValueOrDefault(vmid) == ct)
                        cluster.State.Containers.Remove(vmid);
                    cluster.Sandboxes.Delete(vmid);
                },
                Finally = () => ct.Config.Remove("lock"),
            }
        );
        return task.Upid;
    }

    /// <summary>The config a create writes: the given options, canonical, plus Proxmox's defaults.</summary>
    internal static SortedDictionary<string, string> BuildConfig(RouteContext c, int vmid, bool withDefaults = true)
    {
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in c.Parameters)
        {
            if (CreateOnly.Contains(key))
                continue;
            if (!ConfigValues.IsConfigKey(key))
                throw Pve.Param(key, "property is not defined in schema and the schema does not allow additional properties");
            if (key is "rootfs" || ConfigValues.Indexed(key, "mp"))
            {
                config[key] = value;
                continue;
            }

            ConfigRoutes.CheckRootOnly(c, key, value);
            config[key] = ConfigValues.Canonical(key, value);
        }

        if (withDefaults)
        {
            config.TryAdd("arch", "amd64");
            config.TryAdd("hostname", $"CT{vmid}");
            config.TryAdd("memory", "512");
            config.TryAdd("swap", "512");
            config.TryAdd("unprivileged", "1");
            config.TryAdd("rootfs", $"{c.Optional("storage") ?? "local"}:4");
        }

        return config;
    }

    /// <summary>Parses rootfs/mpN into allocations and checks each storage can hold container directories.</summary>
    internal static List<DiskRequest> AllocationRequests(RouteContext c, IDictionary<string, string> config)
    {
        var defaultStorage = c.Optional("storage") ?? "local";
        var disks = config
            .Where(kv => kv.Key == "rootfs" || ConfigValues.Indexed(kv.Key, "mp"))
            .Select(kv => DiskRequest.Parse(kv.Key, kv.Value, defaultStorage))
            .ToList();
        if (disks.Any(d => d.Key != "rootfs") && !config.ContainsKey("rootfs"))
            throw Pve.Die("mount points configured, but 'rootfs' not set - aborting");
        foreach (var d in disks)
        {
            if (!c.Storage(d.Storage).HasContent("rootdir"))
                throw Pve.Param("storage", $"storage '{d.Storage}' does not support container directories");
        }

        return disks;
    }

    /// <summary>Allocates each disk and streams <paramref name="dataBytes"/> from <paramref name="source"/> into the root disk.</summary>
    internal static async Task AllocateAndFillAsync(
        SimulatorCluster cluster,
        string node,
        int vmid,
        IReadOnlyList<DiskRequest> disks,
        IDictionary<string, string> config,
        List<string> allocated,
        SimStorage? source,
        long dataBytes,
        TaskContext ctx,
        string what
    )
    {
        foreach (var d in disks)
        {
            SimVolume volume;
            SimStorage storage;
            using (cluster.Gate.Enter())
            {
                storage = cluster.State.Storage(node, d.Storage) ?? throw new TaskFailedException($"storage '{d.Storage}' does not exist");
                volume = StorageOps.AllocateDisk(storage, vmid, d.SizeBytes, cluster.Clock.GetUtcNow().ToUnixTimeSeconds());
                allocated.Add(volume.Volid);
                config[d.Key] = d.Allocated(volume.Volid);
            }

            if (storage.Type is "dir" or "nfs")
                ctx.Log($"Formatting '{StoragePaths.Path(storage, volume)}', fmt=raw size={d.SizeBytes}");
            else
                ctx.Log($"  Logical volume \"{volume.Name}\" created.");
            if (d.Key != "rootfs")
                continue;
            ctx.Log(what);
            await StorageOps.WriteAsync(
                cluster,
                source,
                storage,
                volume,
                dataBytes,
                "command 'lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar xpf - --zstd --totals --one-file-system -p --sparse --numeric-owner --acls --xattrs '--xattrs-include=user.*' '--xattrs-include=security.capability' '--warning=no-file-ignored' '--warning=no-xattr-write' -C /var/lib/lxc/"
                    + vmid
                    + "/rootfs --skip-old-files --anchored --exclude './dev/*'' failed: exit code 2",
                ctx
            );
        }
    }

    public static JsonNode? Destroy(RouteContext c)
    {
        var ct = c.Container();
        var vmid = ct.Vmid;
        var node = c.NodeName;
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        if (ct.Config.GetValueOrDefault("protection") == "1")
            throw Pve.Die($"can't remove CT {vmid} - protection mode enabled");
        var force = c.Bool("force") == true;
        if (ct.Running && !force)
            throw Pve.Die($"unable to destroy CT {vmid} - container is running");
        var cluster = c.Cluster;
        var task = cluster.Tasks.Start(
            node,
            "vzdestroy",
            vmid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.User,
            new TaskRunner.Worker(async ctx =>
            {
                if (ct.Running)
                    await Lifecycle.StopAsync(cluster, ct, ctx, cluster.TimeModel.StopDuration);
                using (cluster.Gate.Enter())
                {
                    var volids = ct
                        .VolumeKeys.Select(k => VolumeSpec.Parse(ct.Config[k], k != "rootfs").Volume)
                        .Concat(ct.Config.Where(kv => ConfigValues.Indexed(kv.Key, "unused")).Select(kv => kv.Value))
                        .ToList();
                    foreach (var volid in volids)
                    {
                        var name = volid[(volid.IndexOf(':') + 1)..];
                        if (c.State.StoragesOf(node).SelectMany(s => s.Volumes.Values).Any(v => v.BaseVolid == volid))
                            throw new TaskFailedException($"base volume '{name}' is still in use by linked clones");
                    }

                    foreach (var volid in volids)
                    {
                        StorageOps.Free(cluster.State, node, volid);
                        ctx.Log($"  Logical volume \"{volid[(volid.IndexOf(':') + 1)..]}\" successfully removed.");
                    }

                    cluster.State.Containers.Remove(vmid);
                }

                cluster.Sandboxes.Delete(vmid);
            })
        );
        return task.Upid;
    }
}
