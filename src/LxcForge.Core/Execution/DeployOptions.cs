namespace LxcForge.Core.Execution;

/// <summary>How a deploy runs: how many containers at once, and how long each step may take.</summary>
public sealed record DeployOptions
{
    /// <summary>Containers worked on at once; null = <see cref="DefaultParallelism"/> from the host.</summary>
    public int? Parallel { get; init; }

    public StepTimeouts Timeouts { get; init; } = new();

    /// <summary>First wait between two polls (readiness, checks, retries after a lock); it grows ×1.5 to <see cref="PollMax"/>,
    /// but never beyond <see cref="PollOvershoot"/> of the time waited so far.</summary>
    public TimeSpan PollInitial { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan PollMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest pause as a fraction of the time already waited: what is ready after t is seen by about
    /// t × (1 + this), where a plain ×1.5 back-off can see it up to half as late again.
    /// </summary>
    public double PollOvershoot { get; init; } = 0.2;

    /// <summary>
    /// The retry budget of one step for transient failures other than a lock (a 5xx, a dropped connection): the
    /// transport has already retried each call, so a step gives up after this many more tries and the deploy
    /// prints its summary instead of retrying until the step's time limit. A lock is waited out up to the limit.
    /// </summary>
    public int TransientRetries { get; init; } = 2;

    /// <summary>A step that waits longer says what it waits for at least this often (on stderr, through the progress events).</summary>
    public TimeSpan NoticeEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a run waits for another one holding the host (<see cref="Locking.HostLockGuard"/>), and when that one counts as gone.</summary>
    public Locking.HostLockOptions HostLock { get; init; } = new();

    /// <summary>Where notices that concern the whole run go (waiting for the host's lock, breaking a stale one).</summary>
    public Action<string>? Notice { get; init; }
}

/// <summary>Per-step limits. A step that is still failing (a lock held, a check not passing) when its limit is reached fails.</summary>
public sealed record StepTimeouts
{
    public TimeSpan CloneTask { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan Config { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan Start { get; init; } = TimeSpan.FromMinutes(3);
    public TimeSpan Ready { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan Configure { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan Check { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long to wait for a clone an interrupted run started (its <c>create</c> lock) to finish.</summary>
    public TimeSpan Resume { get; init; } = TimeSpan.FromMinutes(30);
}
