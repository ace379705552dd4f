using System.Diagnostics;
using LxcForge.Core.Hosting;

namespace LxcForge.Core.Locking;

/// <summary>The host is held by another LxcForge run (named) and did not come free in time.</summary>
public sealed class HostLockedException(string message) : HostException(HostErrorKind.Locked, message);

/// <summary>How long to wait for a held host lock, and when a holder counts as gone.</summary>
public sealed record HostLockOptions
{
    /// <summary>How long a second run waits for the first before it is refused (zero: refused at once).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A lock older than this is stale whoever holds it (a run that died on another machine).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How often a waiting run looks again.</summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Takes a host's lock (<see cref="IHostLock"/>) for deploy, rebuild and restore: waits a bounded time while
/// another run holds it, then refuses with the holder named; breaks a stale lock (its process gone on this
/// machine, or older than <see cref="HostLockOptions.StaleAfter"/>) with a message. Re-entrant within one
/// call chain (rebuild → deploy → restore take it once). Backends without the capability are not locked.
/// </summary>
public static class HostLockGuard
{
    private static readonly AsyncLocal<HashSet<IHostLock>?> Held = new();

    /// <summary>Runs <paramref name="body"/> holding the host's lock; <paramref name="body"/> learns whether it had to wait for another run.</summary>
    public static Task<T> RunAsync<T>(
        IContainerHost host,
        string command,
        TimeProvider time,
        Func<bool, Task<T>> body,
        HostLockOptions? options = null,
        Action<string>? log = null,
        CancellationToken cancellationToken = default
    ) => host is IHostLock target ? RunAsync(target, host.Description, command, time, body, options, log, cancellationToken) : body(false);

    /// <summary>The same with the lock itself and the host's name for messages.</summary>
    public static async Task<T> RunAsync<T>(
        IHostLock target,
        string hostDescription,
        string command,
        TimeProvider time,
        Func<bool, Task<T>> body,
        HostLockOptions? options = null,
        Action<string>? log = null,
        CancellationToken cancellationToken = default
    )
    {
        if (Held.Value?.Contains(target) == true)
            return await body(false);
        var (token, waited) = await AcquireAsync(hostDescription, target, command, time, options ?? new HostLockOptions(), log, cancellationToken);
        // Set here, in this method's own context, so it flows into the body (and back out of it when this returns).
        Held.Value = [.. Held.Value ?? [], target];
        try
        {
            return await body(waited);
        }
        finally
        {
            // Only our own lock is removed: one broken as stale and taken by another run stays theirs.
            if (HostLockHolder.Parse(await target.ReadLockAsync(CancellationToken.None))?.Token == token)
                await target.DeleteLockAsync(CancellationToken.None);
        }
    }

    private static async Task<(string Token, bool Waited)> AcquireAsync(
        string hostDescription,
        IHostLock target,
        string command,
        TimeProvider time,
        HostLockOptions options,
        Action<string>? log,
        CancellationToken cancellationToken
    )
    {
        var me = HostLockHolder.Current(command, TimeProvider.System);
        // Real time: a simulated clock must not make a wait for another process run out early.
        var waited = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await target.TryCreateLockAsync(me.Format(), cancellationToken))
                return (me.Token, announced);
            var text = await target.ReadLockAsync(cancellationToken);
            if (text is null)
                continue; // released between our create and our read: try again
            var holder = HostLockHolder.Parse(text);
            if (holder?.Token == me.Token)
                return (me.Token, announced); // our own create got through before its answer was lost
            if (Stale(holder, options, time) is { } why)
            {
                log?.Invoke($"breaking the stale lock on {hostDescription} ({target.LockLocation}) held by {holder?.Describe() ?? text.Trim()}: {why}");
                await target.DeleteLockAsync(cancellationToken);
                continue;
            }

            var who = holder?.Describe() ?? $"'{text.Trim()}'";
            if (waited.Elapsed >= options.Wait)
            {
                throw new HostLockedException(
                    $"{hostDescription} is being changed by another LxcForge run: {who} holds {target.LockLocation}; "
                        + $"try again when it has finished (if that run is gone, remove {target.LockLocation} on the host)"
                );
            }

            if (!announced)
                log?.Invoke($"waiting up to {options.Wait.TotalSeconds:0} s for {who} to release {target.LockLocation}");
            announced = true;
            await Task.Delay(options.PollEvery, cancellationToken);
        }
    }

    private static string? Stale(HostLockHolder? holder, HostLockOptions options, TimeProvider time)
    {
        if (holder is null)
            return null;
        if (time.GetUtcNow() - holder.Since > options.StaleAfter && TimeProvider.System.GetUtcNow() - holder.Since > options.StaleAfter)
            return $"older than {options.StaleAfter.TotalHours:0} h";
        if (string.Equals(holder.Machine, Environment.MachineName, StringComparison.Ordinal) && holder.Pid > 0 && !ProcessExists(holder.Pid))
            return $"process {holder.Pid} is gone on {holder.Machine}";
        return null;
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
