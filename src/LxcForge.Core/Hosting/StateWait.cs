using Polly;
using Polly.Retry;

namespace LxcForge.Core.Hosting;

/// <summary>How to poll: the pause grows as <see cref="PollInterval"/> says, up to a time limit.</summary>
/// <param name="Limit">How long to keep polling before giving up.</param>
/// <param name="Notice">Told what is being waited for, at most every <see cref="NoticeEvery"/> (the CLI prints it on stderr).</param>
public sealed record WaitSchedule(TimeSpan Limit, TimeSpan Initial, TimeSpan Max, double Overshoot, TimeProvider Time, Action<string>? Notice = null)
{
    /// <summary>A wait that lasts longer says what it waits for at least this often.</summary>
    public TimeSpan NoticeEvery { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>One look at the state waited on: whether it is there, and what was seen (for notices and the final error).</summary>
public readonly record struct Look<T>(bool Done, T? Value, string Detail)
{
    public static Look<T> Ready(T value) => new(true, value, "");

    public static Look<T> NotYet(string detail) => new(false, default, detail);
}

/// <summary>
/// Waiting on state, never on a fixed sleep: every poll loop (task status, locks, readiness, checks) is one
/// Polly retry pipeline that looks again while the state is not there, with the <see cref="PollInterval"/> back-off,
/// until the limit. A transient host failure while looking counts as "not yet"; any other failure ends the wait.
/// </summary>
public static class StateWait
{
    /// <summary>Looks until <paramref name="look"/> reports done; returns the last look (not done when the limit was reached).</summary>
    public static async Task<Look<T>> UntilAsync<T>(
        Func<CancellationToken, Task<Look<T>>> look,
        WaitSchedule schedule,
        string what,
        CancellationToken cancellationToken
    )
    {
        var time = schedule.Time;
        var started = time.GetTimestamp();
        var pause = schedule.Initial;
        var lastNotice = started;
        var pipeline = new ResiliencePipelineBuilder<Look<T>> { TimeProvider = time }
            .AddRetry(
                new RetryStrategyOptions<Look<T>>
                {
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Done: false } && time.GetElapsedTime(started) < schedule.Limit),
                    DelayGenerator = args =>
                    {
                        var current = pause;
                        pause = PollInterval.Next(pause, time.GetElapsedTime(started), schedule.Initial, schedule.Max, schedule.Overshoot);
                        var left = schedule.Limit - time.GetElapsedTime(started);
                        return ValueTask.FromResult<TimeSpan?>(
                            current < left ? current
                            : left > TimeSpan.Zero ? left
                            : TimeSpan.Zero
                        );
                    },
                    OnRetry = args =>
                    {
                        if (schedule.Notice is { } notice && time.GetElapsedTime(lastNotice) >= schedule.NoticeEvery)
                        {
                            lastNotice = time.GetTimestamp();
                            var seen = args.Outcome.Result.Detail;
                            notice(
                                $"waiting for {what} ({Format(time.GetElapsedTime(started))} of {Format(schedule.Limit)}{(seen.Length > 0 ? $"; {Trim(seen)}" : "")})"
                            );
                        }

                        return default;
                    },
                }
            )
            .Build();

        return await pipeline.ExecuteAsync(
            async token =>
            {
                try
                {
                    return await look(token);
                }
                catch (HostException e) when (e.IsTransient)
                {
                    return Look<T>.NotYet(e.Message);
                }
            },
            cancellationToken
        );
    }

    /// <summary>A duration as people read it: <c>40 s</c>, <c>2.5 min</c>.</summary>
    public static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";

    /// <summary>The last non-empty line of a message, at most 200 characters.</summary>
    public static string Trim(string text)
    {
        var line = text.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
