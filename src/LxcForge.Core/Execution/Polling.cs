using LxcForge.Core.Hosting;

namespace LxcForge.Core.Execution;

/// <summary>
/// Waiting without fixed sleeps: poll a condition, or retry a host call that failed transiently (a lock, a
/// 5xx), with a growing pause on <see cref="TimeProvider"/> until the step's time limit.
/// </summary>
internal sealed class Polling(TimeProvider time, DeployOptions options)
{
    /// <summary>Polls <paramref name="probe"/> until it reports success; throws <see cref="StepTimeoutException"/> with its last detail.</summary>
    public async Task UntilAsync(Func<CancellationToken, Task<(bool Ok, string Detail)>> probe, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + timeout;
        var pause = options.PollInitial;
        var last = "";
        while (true)
        {
            try
            {
                var (ok, detail) = await probe(cancellationToken);
                if (ok)
                    return;
                last = detail;
            }
            catch (HostException e) when (e.IsTransient)
            {
                last = e.Message;
            }

            if (time.GetUtcNow() + pause > deadline)
                throw new StepTimeoutException($"{what}: not within {Format(timeout)}{(last.Length > 0 ? $" (last: {Trim(last)})" : "")}");
            await Task.Delay(pause, time, cancellationToken);
            pause = Next(pause, started);
        }
    }

    /// <summary>Runs <paramref name="call"/>, retrying while it fails transiently (locked, 5xx, timeout) until <paramref name="timeout"/>.</summary>
    public async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan timeout, Action<string>? onRetry, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = time.GetUtcNow() + timeout;
        var pause = options.PollInitial;
        while (true)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (HostException e) when (e.IsTransient && time.GetUtcNow() + pause <= deadline)
            {
                onRetry?.Invoke($"{Trim(e.Message)}; retrying");
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = Next(pause, started);
        }
    }

    private TimeSpan Next(TimeSpan pause, long started) =>
        PollInterval.Next(pause, time.GetElapsedTime(started), options.PollInitial, options.PollMax, options.PollOvershoot);

    internal static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";

    internal static string Trim(string text)
    {
        var line = text.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}

/// <summary>A step did not finish (or a probe did not pass) within its time limit.</summary>
public sealed class StepTimeoutException(string message) : Exception(message);
