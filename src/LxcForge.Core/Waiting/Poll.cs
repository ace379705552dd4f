namespace LxcForge.Core.Waiting;

/// <summary>
/// Waits for a condition by asking again with growing pauses (never a fixed sleep), until it holds or
/// the timeout passes. Pauses run on the given <see cref="TimeProvider"/> so tests and the simulator can scale time.
/// </summary>
public static class Poll
{
    /// <summary>Calls <paramref name="probe"/> until it returns true; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, TimeProvider time, string what, CancellationToken cancellationToken = default)
    {
        var deadline = time.GetUtcNow() + timeout;
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (await probe(cancellationToken))
                return;
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0.#} s");
            await Task.Delay(pause < left ? pause : left, time, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 2000));
        }
    }
}
