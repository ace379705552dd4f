using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Tasks;

/// <summary>
/// How long and how often to poll a task. Clones and backups stream whole disks, so their defaults are long
/// (peers that waited 30 s reported containers created but runs failed: docs/proxmox-behaviour.md#task-timeouts).
/// </summary>
public sealed record TaskWaitOptions
{
    public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest interval as a fraction of the time the task has run: its end is seen at most this late (relatively).</summary>
    public double PollOvershoot { get; init; } = 0.05;

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeouts by worker type (<c>vzclone</c>, <c>vzdump</c>…); others get <see cref="DefaultTimeout"/>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> TimeoutByType { get; init; } =
        new Dictionary<string, TimeSpan>
        {
            ["vzclone"] = TimeSpan.FromMinutes(30),
            ["vzcreate"] = TimeSpan.FromMinutes(30),
            ["vzrestore"] = TimeSpan.FromMinutes(60),
            ["vzdump"] = TimeSpan.FromHours(3),
            ["download"] = TimeSpan.FromMinutes(30),
            ["vzmigrate"] = TimeSpan.FromMinutes(60),
            ["move_volume"] = TimeSpan.FromMinutes(60),
            ["resize"] = TimeSpan.FromMinutes(30),
        };

    /// <summary>How many of the log's last lines a failure carries.</summary>
    public int LogTailLines { get; init; } = 20;

    public TimeSpan TimeoutFor(string type) => TimeoutByType.TryGetValue(type, out var t) ? t : DefaultTimeout;

    /// <summary>The next poll interval: ×1.5 up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan Next(TimeSpan current) => TimeSpan.FromTicks(Math.Min(MaxPollInterval.Ticks, (long)(current.Ticks * 1.5)));

    /// <summary>The next poll interval: ×1.5 up to <see cref="MaxPollInterval"/> and to <see cref="PollOvershoot"/> of <paramref name="elapsed"/>.</summary>
    public TimeSpan Next(TimeSpan current, TimeSpan elapsed) => PollInterval.Next(current, elapsed, InitialPollInterval, MaxPollInterval, PollOvershoot);
}
