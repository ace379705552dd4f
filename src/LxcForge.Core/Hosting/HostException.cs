namespace LxcForge.Core.Hosting;

public enum HostErrorKind
{
    /// <summary>The container, storage, node or volume does not exist.</summary>
    NotFound,
    AlreadyExists,

    /// <summary><c>CT is locked (x)</c> or <c>can't lock file … got timeout</c>: transient.</summary>
    Locked,

    /// <summary>A host task ended with an error; <see cref="HostException.LogTail"/> has its last lines.</summary>
    TaskFailed,

    /// <summary>The host refused the request as malformed or not allowed in this state.</summary>
    InvalidRequest,
    PermissionDenied,
    AuthenticationFailed,

    /// <summary>Connection refused, DNS failure, TLS failure, dropped connection.</summary>
    Unreachable,

    /// <summary>A 5xx or similar failure that may succeed when tried again.</summary>
    Transient,
    Unsupported,
    Timeout,
}

/// <summary>A failure reported by a host. Messages never contain secrets.</summary>
public class HostException : Exception
{
    public HostException(HostErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public HostErrorKind Kind { get; }

    /// <summary>The container the failure concerns, where known.</summary>
    public int? Vmid { get; init; }

    /// <summary>The task id (UPID) when a host task failed.</summary>
    public string? TaskId { get; init; }

    /// <summary>The last lines of the failed task's log.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>Per-parameter errors, as Proxmox returns them on a 400.</summary>
    public IReadOnlyDictionary<string, string> ParameterErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>True for failures a caller may retry after a back-off.</summary>
    public bool IsTransient => Kind is HostErrorKind.Locked or HostErrorKind.Transient or HostErrorKind.Timeout;
}
