using LxcForge.Core.Hosting;

namespace LxcForge.Lxc.Storage;

/// <summary>
/// The per-container config lock (Proxmox: <c>/run/lock/lxc/pve-config-N.lock</c>): an flock on a file,
/// so it is released when the holder dies, even by kill -9. Waits up to 10 s like Proxmox, then fails as Locked.
/// </summary>
public sealed class ContainerLock : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FileStream _stream;

    private ContainerLock(FileStream stream) => _stream = stream;

    public static async Task<ContainerLock> AcquireAsync(HostLayout layout, int vmid, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.LockDir);
        var path = Path.Combine(layout.LockDir, $"{vmid}.lock");
        var schedule = new WaitSchedule(Wait, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), 1.0, time);
        var last = await StateWait.UntilAsync(
            _ =>
            {
                try
                {
                    return Task.FromResult(
                        Look<ContainerLock>.Ready(new ContainerLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)))
                    );
                }
                catch (IOException ex)
                {
                    return Task.FromResult(Look<ContainerLock>.NotYet(ex.Message));
                }
            },
            schedule,
            $"the lock of CT {vmid}",
            cancellationToken
        );
        return last is { Done: true, Value: { } held }
            ? held
            : throw new HostException(HostErrorKind.Locked, $"can't lock file '{path}' - got timeout") { Vmid = vmid };
    }

    public void Dispose() => _stream.Dispose();
}
