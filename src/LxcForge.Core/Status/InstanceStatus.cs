using LxcForge.Core.Hosting;

namespace LxcForge.Core.Status;

/// <summary>One row of <c>lxcforge status</c>: a service instance as the host has it, against the spec.</summary>
public sealed record InstanceStatus
{
    public required string Service { get; init; }
    public required int Ctid { get; init; }
    public required string Ip { get; init; }
    public string? Node { get; init; }

    /// <summary>running, stopped, missing, foreign (not LxcForge's) or locked (LOCK).</summary>
    public required string State { get; init; }

    /// <summary>healthy, the failing check's message, or "-" when not checked.</summary>
    public string Health { get; init; } = "-";

    public bool Healthy { get; init; }

    /// <summary>What differs from the spec (config keys old → new, disk growth, not deployed).</summary>
    public IReadOnlyList<string> Drift { get; init; } = [];

    public BackupInfo? LastBackup { get; init; }
}
