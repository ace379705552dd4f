using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Backups;

/// <summary>The result of one backup: the archive and what retention removed afterwards.</summary>
public sealed record BackupOutcome(int Vmid, BackupInfo Backup, BackupMode Mode, IReadOnlyList<BackupInfo> Pruned);

/// <summary>
/// Backs up owned containers to the spec's backup store with the best mode the storage allows, then
/// applies retention — only after a successful backup, so a failed one never costs an old archive.
/// </summary>
public sealed class BackupService(IContainerHost host)
{
    public async Task<BackupOutcome> BackupAsync(FleetSpec fleet, int vmid, BackupMode? mode = null, CancellationToken cancellationToken = default)
    {
        var container = await host.GetContainerAsync(vmid, cancellationToken)
            ?? throw new HostException(HostErrorKind.NotFound, $"CT {vmid} does not exist") { Vmid = vmid };
        if (!OwnershipMarker.IsOwned(container))
            throw new HostException(HostErrorKind.PermissionDenied, $"CT {vmid} ('{container.Summary.Name}') is not managed by LxcForge; not backing it up")
            {
                Vmid = vmid,
            };

        var chosen = mode ?? ParseMode(fleet.Backup.Mode) ?? await BestModeAsync(container, cancellationToken);
        var backup = await host.BackupAsync(
            new BackupRequest(vmid, fleet.Storage.Backups)
            {
                Mode = chosen,
                Compress = fleet.Backup.Compress,
                Notes = $"lxcforge {container.Summary.Name}",
            },
            cancellationToken
        );

        var all = await host.ListBackupsAsync(fleet.Storage.Backups, vmid, cancellationToken);
        var prune = RetentionPolicy.ToPrune(all, fleet.Backup.Retention).Where(b => b.VolumeId != backup.VolumeId).ToList();
        foreach (var old in prune)
            await host.DeleteBackupAsync(old.VolumeId, cancellationToken);
        return new BackupOutcome(vmid, backup, chosen, prune);
    }

    /// <summary>The catalogue, read from the storage itself (newest first).</summary>
    public async Task<IReadOnlyList<BackupInfo>> ListAsync(FleetSpec fleet, int? vmid = null, CancellationToken cancellationToken = default) =>
        (await host.ListBackupsAsync(fleet.Storage.Backups, vmid, cancellationToken)).OrderByDescending(b => b.CreatedAt).ToList();

    /// <summary>Snapshot where every volume can be snapshotted, else suspend; a stopped CT is always backed up in stop mode.</summary>
    private async Task<BackupMode> BestModeAsync(ContainerInfo container, CancellationToken cancellationToken)
    {
        if (!container.IsRunning)
            return BackupMode.Stop;
        var storages = await host.GetStoragesAsync(container.Node, cancellationToken);
        var volumes = container
            .Config.Values.Where(kv => kv.Key == "rootfs" || (kv.Key.StartsWith("mp", StringComparison.Ordinal) && kv.Key[2..].All(char.IsAsciiDigit)))
            .Select(kv => VolumeSpec.Parse(kv.Value, kv.Key != "rootfs").Storage);
        return volumes.All(v => storages.FirstOrDefault(s => s.Id == v)?.SupportsSnapshots == true) ? BackupMode.Snapshot : BackupMode.Suspend;
    }

    public static BackupMode? ParseMode(string? mode) =>
        mode?.ToLowerInvariant() switch
        {
            null => null,
            "snapshot" => BackupMode.Snapshot,
            "suspend" => BackupMode.Suspend,
            "stop" => BackupMode.Stop,
            _ => throw new FormatException($"backup mode '{mode}' is not snapshot, suspend or stop"),
        };
}
