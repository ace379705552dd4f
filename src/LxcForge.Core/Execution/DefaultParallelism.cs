using LxcForge.Core.Hosting;

namespace LxcForge.Core.Execution;

/// <summary>
/// The default <c>--parallel</c>: online nodes × active storages that hold containers (rootdir), at least 2.
/// Clones are bound by storage bandwidth and each node's locks, so more containers at once than storages ×
/// nodes mostly queue on the same disks; readiness waits and checks are cheap and overlap anyway.
/// </summary>
public static class DefaultParallelism
{
    public const int Minimum = 2;

    public static async Task<int> ChooseAsync(IContainerHost host, CancellationToken cancellationToken = default)
    {
        var info = await host.GetInfoAsync(cancellationToken);
        var storages = await host.GetStoragesAsync(null, cancellationToken);
        return Choose(info.Nodes.Count(n => n.Online), storages.Where(s => s.Active && s.Enabled && s.Supports("rootdir")).Select(s => s.Id).Distinct().Count());
    }

    public static int Choose(int onlineNodes, int containerStorages) => Math.Max(Minimum, Math.Max(1, onlineNodes) * containerStorages);
}
