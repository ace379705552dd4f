using LxcForge.Core.Hosting;

namespace LxcForge.Lxc;

/// <summary>
/// Snapshots are not offered: on directory storage <c>lxc-snapshot</c> can only make full copies (or overlay
/// snapshots that break when the original changes), which is not what a Proxmox snapshot promises.
/// Listing works (there are none) so callers can show an empty list.
/// </summary>
public sealed partial class LxcHost
{
    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(int vmid, CancellationToken cancellationToken = default)
    {
        _ = ReadConfig(vmid);
        return Task.FromResult<IReadOnlyList<SnapshotInfo>>([]);
    }

    public Task<TaskOutcome> SnapshotAsync(int vmid, string name, string? description = null, CancellationToken cancellationToken = default) =>
        throw NoSnapshots(vmid);

    public Task<TaskOutcome> RollbackAsync(int vmid, string name, CancellationToken cancellationToken = default) => throw NoSnapshots(vmid);

    public Task<TaskOutcome> DeleteSnapshotAsync(int vmid, string name, CancellationToken cancellationToken = default) => throw NoSnapshots(vmid);

    private static HostException NoSnapshots(int vmid) =>
        new(HostErrorKind.Unsupported, $"CT {vmid}: snapshots are not supported on plain-LXC directory storage") { Vmid = vmid };
}
