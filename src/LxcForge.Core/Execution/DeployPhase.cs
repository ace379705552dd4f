namespace LxcForge.Core.Execution;

/// <summary>The steps of one container's deploy, in order; the summary shows the time spent in each.</summary>
public enum DeployPhase
{
    /// <summary>Waiting for a clone an interrupted run started.</summary>
    Resume,

    /// <summary>Full clone of the template to the service storage.</summary>
    Clone,

    /// <summary>Container configuration: net0, resources, features, tags, rootfs growth.</summary>
    Config,

    /// <summary>Start (or restart, when a change needs it).</summary>
    Start,

    /// <summary>Running, the address configured inside, the service answering.</summary>
    Ready,

    /// <summary>The service's own configuration (and the root password).</summary>
    Configure,

    /// <summary>The service's health check.</summary>
    Check,
}

public enum DeployEventKind
{
    Started,
    Succeeded,
    Failed,

    /// <summary>An intermediate detail: a retry after a lock, a poll that did not pass yet.</summary>
    Progress,
}

/// <summary>A progress event; the CLI turns them into live rows or plain lines. Never carries a secret.</summary>
public sealed record DeployEvent(string Service, int Ctid, DeployPhase Phase, DeployEventKind Kind, string Message, DateTimeOffset At);
