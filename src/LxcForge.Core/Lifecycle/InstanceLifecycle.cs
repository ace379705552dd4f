using LxcForge.Core.Backups;
using LxcForge.Core.Execution;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;
using LxcForge.Core.State;

namespace LxcForge.Core.Lifecycle;

/// <summary>
/// Removing and replacing one instance's container, the way every workflow must: only LxcForge's own and
/// unprotected containers are removed, backed up first when asked, stopped, destroyed with their disks; and
/// a container removed or replaced loses its record of which configuration it received, so the next deploy
/// configures whatever comes to stand at that CTID.
/// </summary>
public sealed class InstanceLifecycle(WorkflowContext context)
{
    /// <summary>Reads the container at <paramref name="ctid"/> and whether it may be removed (ownership first, then protection).</summary>
    public async Task<RemovalCheck> CheckAsync(string name, int ctid, CancellationToken cancellationToken = default)
    {
        var ct = await context.Host.GetContainerAsync(ctid, cancellationToken);
        RemovalRefusal? refusal =
            ct is null ? null
            : !OwnershipMarker.IsOwned(ct, name) ? RemovalRefusal.NotOwned
            : ct.Config.Protection ? RemovalRefusal.Protected
            : null;
        return new RemovalCheck(name, ctid, ct, refusal);
    }

    /// <summary>
    /// Backs up (to <paramref name="fleet"/>'s backup storage, when <paramref name="backUp"/>), stops and destroys
    /// a container <see cref="CheckAsync"/> found removable. Backups already on the storage are kept.
    /// </summary>
    public async Task<RemovedInstance> RemoveAsync(RemovalCheck target, FleetSpec fleet, bool backUp, CancellationToken cancellationToken = default)
    {
        if (!target.Removable)
            throw new InvalidOperationException($"{target.Name}: CT {target.Ctid} is not removable ({target.Refusal?.ToString() ?? "absent"})");
        var host = context.Host;
        string? backup = null;
        if (backUp)
            backup = (await new BackupService(host).BackupAsync(fleet, target.Ctid, null, cancellationToken)).Backup.VolumeId;

        // Read again: a backup (or the time a confirmation took) may have changed whether it runs.
        if ((await host.GetContainerAsync(target.Ctid, cancellationToken))?.IsRunning == true)
            await host.StopAsync(target.Ctid, cancellationToken);
        await host.DestroyAsync(target.Ctid, force: false, purge: true, cancellationToken);
        Replaced(target.Ctid);
        return new RemovedInstance(target.Name, target.Ctid, backup);
    }

    /// <summary>Something else now stands at <paramref name="ctid"/> (a restore, a clone): what was configured there is gone.</summary>
    public void Replaced(int ctid) => ForgetConfiguration(context.State.Store, context.HostKey, ctid);

    /// <summary>
    /// The one place LxcForge forgets which configuration a container received, for callers below the
    /// workflows (the deployer's clone, the rebuild) that have no <see cref="WorkflowContext"/>.
    /// </summary>
    internal static void ForgetConfiguration(StateStore state, string hostKey, int ctid) => state.ForgetConfigured(hostKey, ctid);
}
