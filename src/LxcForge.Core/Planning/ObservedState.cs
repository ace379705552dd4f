using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.State;

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

    /// <summary>The marker ids LxcForge recorded on the host (<see cref="StateStore.OwnerIds"/>); empty: the CTID binding alone decides.</summary>
    public IReadOnlySet<string> OwnerIds { get; init; } = new HashSet<string>();

    /// <summary>
    /// This observation with what the local state adds: the journal's clones, the recorded marker ids, and the
    /// configured fingerprints of the containers that received them — a mark given to another container at the
    /// same CTID (other <see cref="ContainerIdentity"/>) does not count.
    /// </summary>
    public ObservedState WithLocalState(StateStore state, string hostKey) =>
        this with
        {
            Configured = state
                .ConfiguredMarks(hostKey)
                .Where(m => m.Value.Identity is not null && Details.TryGetValue(m.Key, out var info) && ContainerIdentity.Of(info) == m.Value.Identity)
                .ToDictionary(m => m.Key, m => m.Value.Fingerprint),
            ClonesStarted = state.ClonesStarted(hostKey),
            OwnerIds = state.OwnerIds(hostKey),
        };

    /// <summary>Reads what the planner needs for <paramref name="desired"/> from the host: one list, then in one bulk read
    /// (<see cref="IContainerHost.GetContainersAsync"/>) the details of the containers at the desired and template CTIDs and
    /// of every other container (their addresses: one a foreign container uses must not be handed out).</summary>
    public static async Task<ObservedState> ReadAsync(IContainerHost host, IEnumerable<DesiredContainer> desired, CancellationToken cancellationToken = default)
    {
        var containers = await host.ListContainersAsync(cancellationToken);
        var wanted = desired.SelectMany(d => new[] { d.Ctid, d.TemplateCtid }).ToHashSet();
        var present = containers.Where(c => wanted.Contains(c.Vmid) || !c.IsTemplate).Select(c => c.Vmid).ToList();
        var details = present.Count == 0 ? new Dictionary<int, ContainerInfo>() : await host.GetContainersAsync(present, cancellationToken);
        return new ObservedState { Containers = containers, Details = details };
    }
}
