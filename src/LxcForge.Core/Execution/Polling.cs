using LxcForge.Core.Hosting;
using Polly;
using Polly.Retry;

namespace LxcForge.Core.Execution;

/// <summary>
/// A deploy's waits and retries, on Polly (<see cref="StateWait"/> for state; a retry pipeline for calls), with
/// pauses on <see cref="TimeProvider"/> until the step's time limit. Bounded and visible: a lock held by other
/// work is waited out up to the step's limit (it ends on its own), but any other transient failure (a 5xx, a
/// dropped connection) is retried at most <see cref="DeployOptions.TransientRetries"/> times, since the transport
/// below has already retried it; every retry and every 30 s of waiting is told to <c>notice</c>.
/// </summary>
internal sealed class Polling(TimeProvider time, DeployOptions options)
{
    /// <summary>Polls <paramref name="probe"/> until it reports success; throws <see cref="StepTimeoutException"/> with its last detail.</summary>
    public async Task UntilAsync(
        Func<CancellationToken, Task<(bool Ok, string Detail)>> probe,
        TimeSpan timeout,
        string what,
        CancellationToken cancellationToken,
        Action<string>? notice = null
    )
    {
        var last = await StateWait.UntilAsync(
            async ct =>
            {
                var (ok, detail) = await probe(ct);
                return ok ? Look<bool>.Ready(true) : Look<bool>.NotYet(detail);
            },
            Schedule(timeout, notice),
            what,
            cancellationToken
        );
        if (!last.Done)
            throw new StepTimeoutException($"{what}: not within {Format(timeout)}{(last.Detail.Length > 0 ? $" (last: {Trim(last.Detail)})" : "")}");
    }

    /// <summary>
    /// Runs <paramref name="call"/>, retrying a lock until <paramref name="timeout"/> and other transient failures
    /// (5xx, timeout) within the retry budget; when either is spent the last failure is thrown, saying so.
    /// </summary>
    public async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan timeout, Action<string>? onRetry, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pause = options.PollInitial;
        var failures = 0;
        var lastNotice = long.MinValue;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(
                new RetryStrategyOptions
                {
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = args =>
                        ValueTask.FromResult(
                            args.Outcome.Exception is HostException e
                                && e.IsTransient
                                && time.GetElapsedTime(started) + pause <= timeout
                                && (e.Kind == HostErrorKind.Locked || failures < options.TransientRetries)
                        ),
                    DelayGenerator = _ =>
                    {
                        var current = pause;
                        pause = PollInterval.Next(pause, time.GetElapsedTime(started), options.PollInitial, options.PollMax, options.PollOvershoot);
                        return ValueTask.FromResult<TimeSpan?>(current);
                    },
                    OnRetry = args =>
                    {
                        var e = (HostException)args.Outcome.Exception!;
                        if (e.Kind != HostErrorKind.Locked)
                        {
                            failures++;
                            onRetry?.Invoke($"{Trim(e.Message)}; retrying ({failures} of {options.TransientRetries})");
                        }
                        else if (lastNotice == long.MinValue || time.GetElapsedTime(lastNotice) >= options.NoticeEvery)
                        {
                            lastNotice = time.GetTimestamp();
                            onRetry?.Invoke($"{Trim(e.Message)}; waiting for the lock ({Format(time.GetElapsedTime(started))} of {Format(timeout)})");
                        }

                        return default;
                    },
                }
            )
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async ct => await call(ct), cancellationToken);
        }
        catch (HostException e) when (e.IsTransient)
        {
            var why =
                e.Kind == HostErrorKind.Locked || failures < options.TransientRetries
                    ? $"still failing after {Format(time.GetElapsedTime(started))} (limit {Format(timeout)})"
                    : $"gave up after {failures + 1} tries";
            throw new HostException(e.Kind, $"{Trim(e.Message)}; {why}", e)
            {
                Vmid = e.Vmid,
                TaskId = e.TaskId,
                LogTail = e.LogTail,
                ParameterErrors = e.ParameterErrors,
            };
        }
    }

    private WaitSchedule Schedule(TimeSpan limit, Action<string>? notice) =>
        new(limit, options.PollInitial, options.PollMax, options.PollOvershoot, time, notice) { NoticeEvery = options.NoticeEvery };

    internal static string Format(TimeSpan t) => StateWait.Format(t);

    internal static string Trim(string text) => StateWait.Trim(text);
}

/// <summary>A step did not finish (or a probe did not pass) within its time limit.</summary>
public sealed class StepTimeoutException(string message) : Exception(message);
