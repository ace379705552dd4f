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

    /// <summary>Reads what the planner needs for <paramref name="desired"/> from the host: one list, then the details of
    /// the containers at the desired and template CTIDs in bulk (<see cref="IContainerHost.GetContainersAsync"/>).</summary>
    public static async Task<ObservedState> ReadAsync(IContainerHost host, IEnumerable<DesiredContainer> desired, CancellationToken cancellationToken = default)
    {
        var containers = await host.ListContainersAsync(cancellationToken);
        var wanted = desired.SelectMany(d => new[] { d.Ctid, d.TemplateCtid }).ToHashSet();
        var present = containers.Where(c => wanted.Contains(c.Vmid)).Select(c => c.Vmid).ToList();
        var details = present.Count == 0 ? new Dictionary<int, ContainerInfo>() : await host.GetContainersAsync(present, cancellationToken);
        return new ObservedState { Containers = containers, Details = details };
    }
}
