namespace LxcForge.Core.Hosting;

/// <summary>A storage as a node sees it.</summary>
/// <param name="Type">Proxmox's storage type: dir, lvmthin, lvm, zfspool, nfs, cifs, btrfs, rbd…</param>
/// <param name="Content">Content types: rootdir, images, vztmpl, backup, iso, snippets.</param>
public sealed record StorageInfo(
    string Id,
    string Node,
    string Type,
    IReadOnlySet<string> Content,
    bool Shared,
    bool Active,
    bool Enabled,
    long TotalBytes,
    long UsedBytes
)
{
    public long AvailableBytes => Math.Max(0, TotalBytes - UsedBytes);

    public bool Supports(string content) => Content.Contains(content);

    /// <summary>Proxmox allows linked clones of templates on these storage types only (docs/proxmox-behaviour.md#linked-clones).</summary>
    public bool SupportsLinkedClones => Type is "lvmthin" or "zfspool" or "rbd" or "btrfs";

    /// <summary>Storage types whose volumes can be snapshotted (vzdump snapshot mode, pct snapshot).</summary>
    public bool SupportsSnapshots => Type is "lvmthin" or "zfspool" or "rbd" or "btrfs";
}
