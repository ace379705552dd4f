using LxcForge.Core.Hosting;

namespace LxcForge.Core.Execution;

/// <summary>
/// The default <c>--parallel</c>: the online nodes' CPU cores, at least one per node and container storage
/// (rootdir), at least 2. Clones do not need the room: those from one source storage take turns anyway
/// (<see cref="Places"/>), so the containers in flight are mostly one cloning
/// per disk while the others start, wait for readiness and run their configuration on the node's CPUs —
/// and those must not hold the next clone back, or the disk that bounds the whole run sits idle.
/// </summary>
public static class DefaultParallelism
{
    public const int Minimum = 2;

    public static async Task<int> ChooseAsync(IContainerHost host, CancellationToken cancellationToken = default)
    {
        var info = await host.GetInfoAsync(cancellationToken);
        var storages = await host.GetStoragesAsync(null, cancellationToken);
        var online = info.Nodes.Where(n => n.Online).ToList();
        return Choose(
            online.Count,
            storages.Where(s => s.Active && s.Enabled && s.Supports("rootdir")).Select(s => s.Id).Distinct().Count(),
            online.Sum(n => n.Cores)
        );
    }

    public static int Choose(int onlineNodes, int containerStorages, int onlineCores = 0) =>
        Math.Max(Minimum, Math.Max(Math.Max(1, onlineNodes) * containerStorages, onlineCores));
}
