namespace LxcForge.Core.Hosting;

/// <summary><c>pct create</c>. <see cref="Options"/> holds any other create parameter as Proxmox spells it (net0, features, tags…).</summary>
public sealed record CreateContainerRequest(int Vmid, string Node, string OsTemplate, string Storage)
{
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The root password; sent in a request body or on stdin, never as an argument.</summary>
    public string? RootPassword { get; init; }

    public bool Start { get; init; }
}

/// <summary><c>pct clone</c>. Clone takes no network or resource settings: set them afterwards.</summary>
public sealed record CloneRequest(int SourceVmid, int NewVmid)
{
    public string? Hostname { get; init; }
    public string? Storage { get; init; }
    public bool Full { get; init; } = true;
    public string? TargetNode { get; init; }
    public string? Description { get; init; }
    public string? SnapshotName { get; init; }
    public string? Pool { get; init; }
}

/// <summary>Keys to set and keys to delete in one config update.</summary>
public sealed record ConfigChange
{
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Delete { get; init; } = [];

    /// <summary>When given, the host refuses the change if the config changed since it was read.</summary>
    public string? Digest { get; init; }

    public bool IsEmpty => Set.Count == 0 && Delete.Count == 0;

    public static ConfigChange Of(params (string Key, string Value)[] set) => new() { Set = set.ToDictionary(p => p.Key, p => p.Value) };
}

/// <summary>A command to run inside a container.</summary>
public sealed record ExecRequest(IReadOnlyList<string> Command)
{
    /// <summary>Written to the command's stdin; where secrets travel.</summary>
    public string? StandardInput { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs a shell snippet with <c>sh -c</c>.</summary>
    public static ExecRequest Shell(string script, string? stdin = null) => new(["sh", "-c", script]) { StandardInput = stdin };
}

public sealed record ExecResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

public enum BackupMode
{
    Snapshot,
    Suspend,
    Stop,
}

public sealed record BackupRequest(int Vmid, string Storage)
{
    public BackupMode Mode { get; init; } = BackupMode.Snapshot;

    /// <summary>0, gzip, lzo or zstd.</summary>
    public string Compress { get; init; } = "zstd";

    public string? Notes { get; init; }
    public bool Protected { get; init; }
}

/// <param name="VolumeId">For example <c>local-hdd:backup/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst</c>.</param>
public sealed record BackupInfo(string VolumeId, string Storage, int? Vmid, DateTimeOffset CreatedAt, long SizeBytes, string? Notes, bool Protected);

public sealed record RestoreRequest(int Vmid, string Node, string Archive)
{
    public string? Storage { get; init; }
    public bool Force { get; init; }
    public bool Unique { get; init; }
    public bool Start { get; init; }

    /// <summary>Create options that override the backed-up config.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}

public sealed record SnapshotInfo(string Name, string? Parent, DateTimeOffset? Time, string? Description);

/// <summary>The end of a host task: its id (when the host exposes one) and any warnings.</summary>
public sealed record TaskOutcome(string? TaskId, IReadOnlyList<string> Warnings)
{
    public static TaskOutcome None { get; } = new(null, []);
}
