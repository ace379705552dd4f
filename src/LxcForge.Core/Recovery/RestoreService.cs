using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Recovery;

/// <summary>What a restore did: where to, from which archive, and the safety copy taken of what it replaced.</summary>
public sealed record RestoreOutcome(int Ctid, string Archive, string? SafetyBackup);

/// <summary>
/// Restores a vzdump archive into a service's CTID or a new one. Never over a container LxcForge does not
/// own, never over a running one without <c>force</c>; a container that is replaced is first backed up, and
/// put back from that copy if the restore fails, so a failed restore loses nothing.
/// </summary>
public sealed class RestoreService(IContainerHost host)
{
    public Action<string>? Log { get; init; }

    /// <summary>How the copy taken before a restore is marked: it is the replaced state, never a default to restore.</summary>
    public const string SafetyCopyNotes = SafetyCopy.NotesPrefix;

    /// <summary>
    /// The newest backup of <paramref name="vmid"/> on the spec's backup storage, or null. Safety copies are
    /// skipped: after a restore, the newest archive would otherwise be the state that restore replaced.
    /// </summary>
    public async Task<BackupInfo?> NewestAsync(FleetSpec fleet, int vmid, CancellationToken cancellationToken = default) =>
        (await new BackupService(host).ListAsync(fleet, vmid, cancellationToken)).FirstOrDefault(b => !SafetyCopy.Is(b));

    /// <summary>How long to wait for another run holding the host, and when it counts as gone.</summary>
    public Locking.HostLockOptions HostLock { get; init; } = new();

    /// <summary>Restores holding the host's lock (<see cref="Locking.HostLockGuard"/>).</summary>
    public Task<RestoreOutcome> RestoreAsync(
        FleetSpec fleet,
        int sourceCtid,
        int targetCtid,
        string? archive,
        bool force,
        string? node = null,
        CancellationToken cancellationToken = default
    ) =>
        Locking.HostLockGuard.RunAsync(
            host,
            "restore",
            TimeProvider.System,
            _ => RestoreHoldingLockAsync(fleet, sourceCtid, targetCtid, archive, force, node, cancellationToken),
            HostLock,
            Log,
            cancellationToken
        );

    private async Task<RestoreOutcome> RestoreHoldingLockAsync(
        FleetSpec fleet,
        int sourceCtid,
        int targetCtid,
        string? archive,
        bool force,
        string? node,
        CancellationToken cancellationToken
    )
    {
        archive ??= (await NewestAsync(fleet, sourceCtid, cancellationToken))?.VolumeId
            ?? throw new HostException(HostErrorKind.NotFound, $"no backup of CT {sourceCtid} on {fleet.Storage.Backups} (lxcforge backup makes one)")
            {
                Vmid = sourceCtid,
            };
        node ??= fleet.Nodes.FirstOrDefault() ?? (await host.GetInfoAsync(cancellationToken)).Nodes[0].Name;

        var existing = await host.GetContainerAsync(targetCtid, cancellationToken);
        if (existing is null)
        {
            await RestoreCoreAsync(fleet, targetCtid, node, archive, overwrite: false, cancellationToken);
            await RebindAsync(targetCtid, cancellationToken);
            return new RestoreOutcome(targetCtid, archive, null);
        }

        if (!OwnershipMarker.IsOwned(existing))
            throw new HostException(HostErrorKind.PermissionDenied, $"CT {targetCtid} ('{existing.Summary.Name}') is not LxcForge's; not restoring over it")
            {
                Vmid = targetCtid,
            };
        if (existing.IsTemplate)
            throw new HostException(HostErrorKind.InvalidRequest, $"CT {targetCtid} is a template; not restoring a service over it") { Vmid = targetCtid };
        if (existing.IsRunning && !force)
            throw new HostException(HostErrorKind.InvalidRequest, $"CT {targetCtid} is running; stop the service first or give --force") { Vmid = targetCtid };

        Log?.Invoke($"CT {targetCtid}: taking a safety backup before restoring over it");
        var safety = await host.BackupAsync(
            new BackupRequest(targetCtid, fleet.Storage.Backups)
            {
                Mode = BackupMode.Stop,
                Compress = fleet.Backup.Compress,
                Notes = $"{SafetyCopyNotes} before restore of {archive}",
            },
            cancellationToken
        );
        if ((await host.GetContainerAsync(targetCtid, cancellationToken))?.IsRunning == true)
            await host.StopAsync(targetCtid, cancellationToken);

        try
        {
            await RestoreCoreAsync(fleet, targetCtid, node, archive, overwrite: true, cancellationToken);
            await RebindAsync(targetCtid, cancellationToken);
        }
        catch (HostException e)
        {
            Log?.Invoke($"CT {targetCtid}: restore failed ({e.Message}); putting the container back from {safety.VolumeId}");
            await RestoreCoreAsync(fleet, targetCtid, node, safety.VolumeId, overwrite: true, CancellationToken.None);
            throw new HostException(
                e.Kind,
                $"restoring {archive} into CT {targetCtid} failed: {e.Message}; the container was put back as it was (from {safety.VolumeId})",
                e
            )
            {
                Vmid = targetCtid,
                LogTail = e.LogTail,
            };
        }

        return new RestoreOutcome(targetCtid, archive, safety.VolumeId);
    }

    /// <summary>
    /// An archive restored into another CTID carries a marker naming the CTID it was taken from, which would make it
    /// foreign: LxcForge's own restore binds it to where it now is (keeping its id, which LxcForge wrote).
    /// </summary>
    private async Task RebindAsync(int ctid, CancellationToken cancellationToken)
    {
        if (await host.GetContainerAsync(ctid, cancellationToken) is not { } info)
            return;
        var marker = Marker.Read(info.Config.Description);
        if (marker.Kind == MarkerKind.Service && marker.Ctid != ctid)
        {
            var description = OwnershipMarker.WithLine(info.Config.Description, OwnershipMarker.ServiceLine(ctid, marker.Id!));
            await host.UpdateConfigAsync(ctid, ConfigChange.Of(("description", description)), cancellationToken);
        }
    }

    private Task<TaskOutcome> RestoreCoreAsync(FleetSpec fleet, int ctid, string node, string archive, bool overwrite, CancellationToken cancellationToken) =>
        host.RestoreAsync(
            new RestoreRequest(ctid, node, archive)
            {
                Storage = fleet.Storage.Services,
                Force = overwrite,
                Unique = true,
            },
            cancellationToken
        );
}
