using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(int vmid, CancellationToken cancellationToken = default) =>
        DoingAsync($"list the snapshots of CT {vmid}", vmid, async () =>
        {
            var node = await NodeOfAsync(vmid, cancellationToken);
            var entries = await _calls.ReadAsync(t => Ct(node, vmid).Snapshots.ListAsync(t), cancellationToken);
            // "current" is the live state, not a snapshot.
            return (IReadOnlyList<SnapshotInfo>)
                entries
                    .Where(e => e.Name != "current")
                    .Select(e => new SnapshotInfo(e.Name, e.Parent, e.Time, string.IsNullOrEmpty(e.Description) ? null : e.Description.TrimEnd('\n')))
                    .ToList();
        });

    public Task<TaskOutcome> SnapshotAsync(int vmid, string name, string? description = null, CancellationToken cancellationToken = default) =>
        SnapshotTaskAsync(
            $"snapshot CT {vmid} as '{name}'",
            vmid,
            name,
            (c, t) => c.Snapshots.CreateAsync(name, description, t),
            exists: true,
            cancellationToken
        );

    public Task<TaskOutcome> RollbackAsync(int vmid, string name, CancellationToken cancellationToken = default) =>
        // Rolling back twice gives the same state, so a retry needs no read-back.
        ContainerTaskAsync($"roll CT {vmid} back to '{name}'", vmid, (c, t) => c.Snapshots.RollbackAsync(name, t), _ => false, cancellationToken);

    public Task<TaskOutcome> DeleteSnapshotAsync(int vmid, string name, CancellationToken cancellationToken = default) =>
        SnapshotTaskAsync($"delete snapshot '{name}' of CT {vmid}", vmid, name, (c, t) => c.Snapshots.DeleteAsync(name, t), exists: false, cancellationToken);

    /// <summary>A snapshot task whose effect is read back as "the snapshot exists" (or no longer does).</summary>
    private Task<TaskOutcome> SnapshotTaskAsync(
        string action,
        int vmid,
        string name,
        Func<Client.ContainerClient, CancellationToken, Task<string?>> dispatch,
        bool exists,
        CancellationToken cancellationToken
    ) => DoingAsync(action, vmid, async () =>
        {
            var node = await NodeOfAsync(vmid, cancellationToken);
            var ct = Ct(node, vmid);
            return await _calls.WriteAsync(
                async t => await WaitAsync(node, await dispatch(ct, t), t),
                async t => (await ct.Snapshots.ListAsync(t)).Any(s => s.Name == name) == exists ? TaskOutcome.None : null,
                cancellationToken
            );
        });
}
