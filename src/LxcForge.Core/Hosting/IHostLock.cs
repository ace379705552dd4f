namespace LxcForge.Core.Hosting;

/// <summary>
/// A backend capability: one lock object on the host itself (not in local state), so two LxcForge runs — on
/// one machine or two — never change one host at once. The backend offers an atomic create that fails when
/// the object exists (Proxmox API: a pool <c>lxcforge-lock</c>; pct shell: <c>mkdir</c> in <c>/etc/pve</c>,
/// cluster-wide on pmxcfs; plain LXC: a file under the LXC path). Waiting, staleness and messages are
/// <see cref="Locking.HostLockGuard"/>'s.
/// </summary>
public interface IHostLock
{
    /// <summary>Where the lock lives, for messages (e.g. <c>pool lxcforge-lock</c>).</summary>
    string LockLocation { get; }

    /// <summary>Creates the lock holding <paramref name="holder"/> atomically; false when it exists already.</summary>
    Task<bool> TryCreateLockAsync(string holder, CancellationToken cancellationToken = default);

    /// <summary>The holder text of the lock, or null when there is none.</summary>
    Task<string?> ReadLockAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the lock (release, or breaking a stale one); no error when it is gone.</summary>
    Task DeleteLockAsync(CancellationToken cancellationToken = default);
}
