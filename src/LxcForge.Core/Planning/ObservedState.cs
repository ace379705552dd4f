using LxcForge.Core.Hosting;

namespace LxcForge.Core.Planning;

/// <summary>
/// What the planner knows about the host and the past: every container (summary), the full info of those at
/// the fleet's service and template CTIDs, the configuration fingerprint each container last received,
/// and the CTIDs whose clone an earlier run started.
/// </summary>
public sealed record ObservedState
{
    public IReadOnlyList<ContainerSummary> Containers { get; init; } = [];
    public IReadOnlyDictionary<int, ContainerInfo> Details { get; init; } = new Dictionary<int, ContainerInfo>();
    public IReadOnlyDictionary<int, string> Configured { get; init; } = new Dictionary<int, string>();
    public IReadOnlySet<int> ClonesStarted { get; init; } = new HashSet<int>();

    /// <summary>Reads what the planner needs for <paramref name="desired"/> from the host (one list, then details in parallel).</summary>
    public static async Task<ObservedState> ReadAsync(IContainerHost host, IEnumerable<DesiredContainer> desired, CancellationToken cancellationToken = default)
    {
        var containers = await host.ListContainersAsync(cancellationToken);
        var wanted = desired.SelectMany(d => new[] { d.Ctid, d.TemplateCtid }).ToHashSet();
        var present = containers.Where(c => wanted.Contains(c.Vmid)).Select(c => c.Vmid).ToList();
        var details = new System.Collections.Concurrent.ConcurrentDictionary<int, ContainerInfo>();
        await Parallel.ForEachAsync(present, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (vmid, ct) =>
        {
            if (await host.GetContainerAsync(vmid, ct) is { } info)
                details[vmid] = info;
        });
        return new ObservedState { Containers = containers, Details = details };
    }
}
