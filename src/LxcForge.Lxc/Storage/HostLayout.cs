using LxcForge.Core.Hosting;

namespace LxcForge.Lxc.Storage;

/// <summary>
/// Where things live on a plain-LXC host. Containers are LXC's own (<c>LXCPATH/CTID/config</c>);
/// storages are directories laid out like Proxmox directory storages:
/// <c>images/CTID/subvol-CTID-disk-0.subvol</c> (rootfs), <c>template/cache</c> (OS templates), <c>dump</c> (backups).
/// </summary>
public sealed class HostLayout(string lxcPath, string storageRoot)
{
    public string LxcPath { get; } = Path.GetFullPath(lxcPath);

    public string StorageRoot { get; } = Path.GetFullPath(storageRoot);

    /// <summary>LxcForge's own bookkeeping beside the containers: locks and half-built containers.</summary>
    public string StateDir => Path.Combine(LxcPath, ".lxcforge");

    public string LockDir => Path.Combine(StateDir, "locks");

    public string StagingDir => Path.Combine(StateDir, "staging");

    public string ContainerDir(int vmid) => Path.Combine(LxcPath, vmid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string ConfigPath(int vmid) => Path.Combine(ContainerDir(vmid), "config");

    /// <summary>The Proxmox keys LXC has no key for (description, tags, cores, features, rootfs size, template…).</summary>
    public string SidePath(int vmid) => Path.Combine(ContainerDir(vmid), "lxcforge.conf");

    public string StoragePath(string storage) => Path.Combine(StorageRoot, storage);

    public string OsTemplateDir(string storage) => Path.Combine(StoragePath(storage), "template", "cache");

    public string DumpDir(string storage) => Path.Combine(StoragePath(storage), "dump");

    public static string RootfsVolume(string storage, int vmid) => $"{storage}:{vmid}/subvol-{vmid}-disk-0.subvol";

    public bool StorageExists(string storage) => IsValidStorageId(storage) && Directory.Exists(StoragePath(storage));

    public void RequireStorage(string storage)
    {
        if (!StorageExists(storage))
            throw new HostException(HostErrorKind.NotFound, $"storage '{storage}' does not exist (storages are directories under {StorageRoot})");
    }

    /// <summary>The directory or file a volume id names: <c>S:CTID/…</c> (images), <c>S:vztmpl/…</c>, <c>S:backup/…</c>, or an absolute path.</summary>
    public string ResolveVolume(string volumeId)
    {
        if (volumeId.StartsWith('/'))
            return volumeId;
        var colon = volumeId.IndexOf(':');
        if (colon <= 0)
            throw new HostException(HostErrorKind.InvalidRequest, $"'{volumeId}' is not a volume id (STORAGE:path)");
        var storage = volumeId[..colon];
        var rest = volumeId[(colon + 1)..];
        RequireStorage(storage);
        if (rest.Contains("..", StringComparison.Ordinal))
            throw new HostException(HostErrorKind.InvalidRequest, $"'{volumeId}' is not a volume id");
        return rest switch
        {
            _ when rest.StartsWith("vztmpl/", StringComparison.Ordinal) => Path.Combine(OsTemplateDir(storage), rest["vztmpl/".Length..]),
            _ when rest.StartsWith("backup/", StringComparison.Ordinal) => Path.Combine(DumpDir(storage), rest["backup/".Length..]),
            _ => Path.Combine(StoragePath(storage), "images", rest),
        };
    }

    public static bool IsValidStorageId(string storage) =>
        storage.Length is > 0 and < 64 && char.IsAsciiLetter(storage[0]) && storage.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
