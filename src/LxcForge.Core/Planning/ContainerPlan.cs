namespace LxcForge.Core.Planning;

/// <summary>What deploy will do to one container, in the order it will do it.</summary>
public enum PlanAction
{
    /// <summary>Nothing: the container matches the spec and is configured.</summary>
    None,

    /// <summary>Clone the template, set the config, start, configure, check.</summary>
    Create,

    /// <summary>Change configuration keys (and restart or re-check where needed).</summary>
    Update,

    /// <summary>Only start it (and check it).</summary>
    Start,

    /// <summary>Only (re-)apply the service's configuration and check it.</summary>
    Configure,

    /// <summary>Wait for a clone an interrupted run of LxcForge started, then continue.</summary>
    Resume,

    /// <summary>Refused: the reason is in <see cref="ContainerPlan.Error"/>.</summary>
    Error,
}

/// <summary>One configuration key's change: <c>memory: 1024 → 2048</c>. Null means absent.</summary>
public sealed record ConfigKeyChange(string Key, string? Old, string? New);

/// <summary>Where a new container comes from: a full clone of a template CTID to a storage.</summary>
public sealed record CloneSource(int TemplateCtid, string TemplateName, string Storage, string? Node)
{
    /// <summary>The storage the template's root disk is on (what the clone reads); null when unknown.</summary>
    public string? SourceStorage { get; init; }
}

/// <summary>Growing the root disk; Proxmox never shrinks one.</summary>
public sealed record DiskGrowth(long FromBytes, long ToBytes);

/// <summary>The plan for one desired container.</summary>
public sealed record ContainerPlan
{
    public required DesiredContainer Desired { get; init; }
    public required PlanAction Action { get; init; }
    public CloneSource? CloneFrom { get; init; }
    public IReadOnlyList<ConfigKeyChange> Changes { get; init; } = [];
    public DiskGrowth? Grow { get; init; }

    /// <summary>A running container whose changed keys only apply at the next start (features, nameserver…).</summary>
    public bool Restart { get; init; }

    public bool Start { get; init; }

    /// <summary>Apply the service's configuration (never done, or its inputs changed).</summary>
    public bool Configure { get; init; }

    /// <summary>Wait until ready and run the health check (after anything that can break the service).</summary>
    public bool Check { get; init; }

    /// <summary>The configuration fingerprint the container will have when done.</summary>
    public string? Fingerprint { get; init; }

    public string? Error { get; init; }

    /// <summary>The per-container id in the container's ownership marker once done (new for a clone or a rewritten old marker).</summary>
    public string? OwnerId { get; init; }

    /// <summary>Notes that are not errors (a disk bigger than the spec is never shrunk…).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string Name => Desired.Name;
    public int Ctid => Desired.Ctid;
    public bool IsNoop => Action == PlanAction.None;
}

/// <summary>The whole plan: one entry per desired container, in spec order.</summary>
public sealed record DeployPlan(IReadOnlyList<ContainerPlan> Items)
{
    public bool HasErrors => Items.Any(i => i.Action == PlanAction.Error);
    public bool HasChanges => Items.Any(i => i.Action is not (PlanAction.None or PlanAction.Error));

    public int Count(PlanAction action) => Items.Count(i => i.Action == action);
}
