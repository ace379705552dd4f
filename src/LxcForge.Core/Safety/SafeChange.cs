using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Core.Safety;

/// <summary>
/// Wraps an in-place change to a running service (resize, reconfiguration) in a snapshot: taken before,
/// rolled back if the change fails, removed when it succeeds — the rollback the community scripts lack.
/// Where the container's storage cannot snapshot (raw files on a directory storage), the change runs
/// without one and the caller is told so.
/// </summary>
public sealed class SafeChange(IContainerHost host, TimeProvider time)
{
    public Action<string>? Log { get; init; }

    public async Task<T> RunAsync<T>(int vmid, string what, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken = default)
    {
        var snapshot = await TrySnapshotAsync(vmid, what, cancellationToken);
        try
        {
            var result = await change(cancellationToken);
            if (snapshot is not null)
                await host.DeleteSnapshotAsync(vmid, snapshot, cancellationToken);
            return result;
        }
        catch (Exception ex) when (snapshot is not null && ex is not OperationCanceledException)
        {
            Log?.Invoke($"CT {vmid}: {what} failed ({ex.Message}); rolling back to snapshot {snapshot}");
            var wasRunning = (await host.GetContainerAsync(vmid, CancellationToken.None))?.IsRunning ?? false;
            await host.RollbackAsync(vmid, snapshot, CancellationToken.None);
            if (wasRunning && (await host.GetContainerAsync(vmid, CancellationToken.None))?.IsRunning == false)
                await host.StartAsync(vmid, CancellationToken.None);
            await host.DeleteSnapshotAsync(vmid, snapshot, CancellationToken.None);
            throw new SafeChangeRolledBackException(vmid, what, snapshot, ex);
        }
    }

    private async Task<string?> TrySnapshotAsync(int vmid, string what, CancellationToken cancellationToken)
    {
        var container = await host.GetContainerAsync(vmid, cancellationToken);
        if (container is not { IsRunning: true })
            return null;
        var rootStorage = container.Config.RootFs?.Storage;
        var storages = await host.GetStoragesAsync(container.Node, cancellationToken);
        if (!host.Capabilities.Snapshots || storages.FirstOrDefault(s => s.Id == rootStorage) is not { SupportsSnapshots: true })
        {
            Log?.Invoke($"CT {vmid}: no snapshot before {what}: storage '{rootStorage}' cannot take snapshots");
            return null;
        }

        var name = "lxcforge-pre-" + time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await host.SnapshotAsync(vmid, name, $"before {what}", cancellationToken);
        Log?.Invoke($"CT {vmid}: snapshot {name} taken before {what}");
        return name;
    }
}

/// <summary>The change failed and the container was rolled back to the snapshot taken before it.</summary>
public sealed class SafeChangeRolledBackException(int vmid, string what, string snapshot, Exception inner)
    : Exception($"CT {vmid}: {what} failed and was rolled back to snapshot {snapshot}: {inner.Message}", inner)
{
    public int Vmid { get; } = vmid;
}
