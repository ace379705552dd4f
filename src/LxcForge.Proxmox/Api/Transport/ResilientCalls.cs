using LxcForge.Core.Hosting;
using Polly;
using Polly.Retry;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>
/// Retries for transient failures only (5xx, timeouts, dropped connections, locks), with exponential back-off.
/// A mutating call is retried only after asking whether the earlier attempt already took effect, so nothing
/// is done twice (a clone whose answer was lost is found, and waited for, instead of cloned again).
/// Authentication and permission failures are never retried.
/// </summary>
public sealed class ResilientCalls
{
    private readonly ResiliencePipeline _pipeline;
    private readonly RetryOptions _options;

    public ResilientCalls(RetryOptions options, TimeProvider time)
    {
        _options = options;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(
                new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<HostException>(IsRetryable),
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    Delay = options.InitialDelay,
                    MaxDelay = options.MaxDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                }
            );
        }

        _pipeline = builder.Build();
    }

    /// <summary>
    /// Retryable: transient kinds, except a task that outlived its wait (it is still running on the host;
    /// starting it again would do it twice).
    /// </summary>
    public static bool IsRetryable(HostException e) => e.IsTransient && !(e.Kind == HostErrorKind.Timeout && e.TaskId is not null);

    /// <summary>A call that is safe to repeat as is (reads; writes whose repetition changes nothing).</summary>
    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) => RunCoreAsync(call, ct);

    /// <summary>
    /// A call that must not be repeated blindly: before each retry, <paramref name="alreadyDone"/> reads back
    /// whether an earlier attempt took effect and, if so, returns that attempt's outcome instead.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> call, Func<CancellationToken, Task<T?>>? alreadyDone, CancellationToken ct)
        where T : class
    {
        var attempt = 0;
        return RunCoreAsync(
            async token =>
            {
                attempt++;
                if (attempt > 1 && alreadyDone is not null && await alreadyDone(token) is { } done)
                    return done;
                return await call(token);
            },
            ct
        );
    }

    private async Task<T> RunCoreAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await call(token);
                },
                ct
            );
        }
        catch (HostException e) when (IsRetryable(e) && attempts > 1)
        {
            throw new HostException(e.Kind, $"{e.Message} (gave up after {attempts} attempts)", e)
            {
                Vmid = e.Vmid,
                TaskId = e.TaskId,
                LogTail = e.LogTail,
                ParameterErrors = e.ParameterErrors,
            };
        }
    }

    /// <summary>The options in force (attempt counts appear in messages).</summary>
    public RetryOptions Options => _options;
}
