using System.Globalization;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Storage;

/// <summary>Volume allocation, freeing and byte streaming with capacity accounting.</summary>
internal static class StorageOps
{
    public static SimVolume AddTemplateVolume(SimStorage storage, OsTemplate template, long ctime)
    {
        var volume = new SimVolume
        {
            Volid = $"{storage.Id}:vztmpl/{template.FileName}",
            Content = "vztmpl",
            Format = "tzst",
            SizeBytes = template.ArchiveBytes,
            UsedBytes = template.ArchiveBytes,
            Ctime = ctime,
        };
        storage.Volumes[volume.Volid] = volume;
        return volume;
    }

    /// <summary>Allocates a container disk; LVM-thick reserves the whole size now, thin and file storages as data is written.</summary>
    public static SimVolume AllocateDisk(SimStorage storage, int vmid, long sizeBytes, long ctime, string? basePrefix = null)
    {
        if (!storage.HasContent("rootdir"))
            throw new TaskFailedException($"content type 'rootdir' is not available or configured on storage '{storage.Id}'");
        var volid = storage.NewDiskVolid(vmid, basePrefix);
        if (TooLarge(storage, volid, sizeBytes) is { } tooLarge)
            throw new TaskFailedException(tooLarge);
        if (storage.AllocatesEagerly && storage.FreeBytes < sizeBytes)
        {
            throw new TaskFailedException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"lvcreate '{storage.Id}/{volid[(volid.IndexOf(':') + 1)..]}' error:   Volume group \"{storage.Id}\" has insufficient free space ({storage.FreeBytes / (4 << 20)} extents): {sizeBytes / (4 << 20)} required."
                )
            );
        }

        var volume = new SimVolume
        {
            Volid = volid,
            Content = "rootdir",
            Format = storage.DiskFormat,
            Vmid = vmid,
            SizeBytes = sizeBytes,
            UsedBytes = storage.AllocatesEagerly ? sizeBytes : 0,
            Ctime = ctime,
        };
        storage.Volumes[volid] = volume;
        return volume;
    }

    /// <summary>LVM's ceiling: at most 2^32 − 1 extents of 4 MiB (16 PiB) per logical volume, thin or thick.</summary>
    public const long LvmMaxBytes = (long)uint.MaxValue * (4L << 20);

    /// <summary>The largest file ext4 (a dir storage's usual filesystem) holds with 4 KiB blocks: 16 TiB.</summary>
    public const long FileMaxBytes = 16L << 40;

    /// <summary>
    /// Why a volume of <paramref name="sizeBytes"/> cannot exist on <paramref name="storage"/> at all, in the storage tool's own
    /// words (<c>lvcreate</c> for LVM, <c>qemu-img</c> for images in files), or null when it can (thin pools overcommit).
    /// </summary>
    public static string? TooLarge(SimStorage storage, string volid, long sizeBytes)
    {
        var name = volid[(volid.IndexOf(':') + 1)..];
        if (storage.Type is "lvm" or "lvmthin" && sizeBytes > LvmMaxBytes)
            return string.Create(
                CultureInfo.InvariantCulture,
                $"lvcreate '{storage.Id}/{name}' error:   Volume too large ({Tib(sizeBytes)}) for extent size 4.00 MiB. Upper limit is 16.00 PiB."
            );
        if (storage.Type is "dir" or "nfs" or "cifs" or "btrfs" && sizeBytes > FileMaxBytes)
            return $"unable to create image: qemu-img: {name}: Could not resize file: File too large";
        return sizeBytes > LvmMaxBytes ? $"{storage.Id}: volume size {Tib(sizeBytes)} is larger than any volume the storage can hold" : null;
    }

    private static string Tib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 40):0.00} TiB");

    public static void Free(ClusterState state, string node, string volid)
    {
        var colon = volid.IndexOf(':');
        if (colon > 0 && state.Storage(node, volid[..colon]) is { } storage)
            storage.Volumes.Remove(volid);
    }

    /// <summary>
    /// Streams <paramref name="bytes"/> from <paramref name="source"/> into <paramref name="volume"/> on <paramref name="target"/>.
    /// What does not fit is not written, and the copy then fails with <paramref name="noSpaceError"/>, as rsync or tar fail on ENOSPC.
    /// </summary>
    public static async Task WriteAsync(
        SimulatorCluster cluster,
        SimStorage? source,
        SimStorage target,
        SimVolume volume,
        long bytes,
        string noSpaceError,
        TaskContext ctx
    )
    {
        long fits;
        using (cluster.Gate.Enter())
        {
            fits = target.AllocatesEagerly ? bytes : Math.Clamp(target.FreeBytes, 0, bytes);
            if (!target.AllocatesEagerly)
                volume.UsedBytes += fits;
        }

        await cluster.Streams.TransferAsync(source, target, fits, ctx.CancellationToken);
        if (fits < bytes)
            throw new TaskFailedException(noSpaceError);
    }
}
