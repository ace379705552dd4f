using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>PUT /nodes/{node}/lxc/{vmid}/resize</c> (docs/proxmox-behaviour.md#resize).</summary>
internal static class ResizeRoutes
{
    public static JsonNode? Resize(RouteContext c)
    {
        var ct = c.Container();
        var disk = c.Required("disk");
        if (disk != "rootfs" && !ConfigValues.Indexed(disk, "mp"))
            throw Pve.Param("disk", $"value '{disk}' does not have a value in the enumeration 'rootfs, mp0, mp1, ...'");
        var sizeText = c.Required("size");
        if (!DiskSize.TryParse(sizeText, out var relative, out var bytes))
            throw Pve.Param("size", "value does not match the regex pattern");
        if (c.Optional("digest") is { } digest && digest != ConfigRoutes.Digest(ct))
            throw Pve.Die("detected modified configuration - file changed by other user? Try again.");
        if (ct.Lock is { } l)
            throw Pve.Locked(l);
        if (!ct.Config.TryGetValue(disk, out var value))
            throw Pve.Die($"disk '{disk}' does not exist");
        var spec = VolumeSpec.Parse(value, disk != "rootfs");
        var node = c.NodeName;
        var volume = c.State.Volume(node, spec.Volume);
        var current = spec.SizeBytes ?? volume?.SizeBytes ?? 0;
        var wanted = relative ? current + bytes : bytes;
        if (wanted < current)
            throw Pve.Die("unable to shrink disk size");
        if (wanted == current)
            throw Pve.Die("disk is already at specified size");
        var cluster = c.Cluster;
        var storage = c.Storage(spec.Storage);
        return cluster
            .Tasks.Start(
                node,
                "resize",
                StatusRoutes.Id(ct.Vmid),
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    await cluster.Streams.TransferAsync(null, storage, 0, ctx.CancellationToken);
                    using (cluster.Gate.Enter())
                    {
                        if (StorageOps.TooLarge(storage, spec.Volume, wanted) is { } tooLarge)
                            throw new TaskFailedException(tooLarge.Replace("lvcreate", "lvextend", StringComparison.Ordinal));
                        if (storage.AllocatesEagerly && storage.FreeBytes < wanted - current)
                            throw new TaskFailedException(
                                $"lvextend '{storage.Id}/{spec.Volume[(spec.Volume.IndexOf(':') + 1)..]}' error:   Insufficient free space"
                            );
                        if (volume is not null)
                        {
                            if (storage.AllocatesEagerly)
                                volume.UsedBytes += wanted - current;
                            volume.SizeBytes = wanted;
                        }

                        if (ct.Config.TryGetValue(disk, out var now))
                            ct.Config[disk] = (VolumeSpec.Parse(now, disk != "rootfs") with { SizeBytes = wanted }).ToString();
                    }

                    var path = volume is null ? spec.Volume : StoragePaths.Path(storage, volume);
                    ctx.Log(
                        storage.Type is "lvm" or "lvmthin"
                            ? string.Create(
                                CultureInfo.InvariantCulture,
                                $"  Size of logical volume pve/{volume?.Name} changed from {current / (double)(1L << 30):0.00} GiB to {wanted / (double)(1L << 30):0.00} GiB."
                            )
                            : $"Image resized."
                    );
                    ctx.Log($"resize2fs 1.47.2 (1-Jan-2025)");
                    ctx.Log($"The filesystem on {path} is now {wanted / 4096} (4k) blocks long.");
                })
            )
            .Upid;
    }
}
