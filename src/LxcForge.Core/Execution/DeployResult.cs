using LxcForge.Core.Planning;

namespace LxcForge.Core.Execution;

public enum DeployOutcomeKind
{
    /// <summary>Nothing to do: it already matched the spec.</summary>
    Unchanged,

    /// <summary>Created, changed, started or configured, and healthy.</summary>
    Done,

    Failed,
}

/// <summary>How one container's deploy ended, with the time spent in each phase (summary table and JSON).</summary>
public sealed record DeployOutcome
{
    public required string Service { get; init; }
    public required int Ctid { get; init; }
    public required string Ip { get; init; }
    public required PlanAction Action { get; init; }
    public required DeployOutcomeKind Result { get; init; }
    public string? Error { get; init; }
    public DeployPhase? FailedPhase { get; init; }
    public IReadOnlyDictionary<DeployPhase, TimeSpan> PhaseTimes { get; init; } = new Dictionary<DeployPhase, TimeSpan>();
    public TimeSpan Total => PhaseTimes.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
}

/// <summary>The whole run: one outcome per planned container, in plan order.</summary>
public sealed record DeployResult(IReadOnlyList<DeployOutcome> Outcomes, int Parallel, TimeSpan Elapsed)
{
    public bool Succeeded => Outcomes.All(o => o.Result != DeployOutcomeKind.Failed);
    public bool ChangedNothing => Outcomes.All(o => o.Result == DeployOutcomeKind.Unchanged);
}
