namespace LxcForge.Core.Hosting;

/// <summary>
/// The back-off every poll loop uses (task status, readiness, locks): the pause grows ×1.5 from its first value
/// up to a maximum, but never beyond a fraction of the time already waited. A plain ×1.5 back-off can see a
/// task's end up to half its duration late; bounded by the elapsed time, the lateness stays a small fraction
/// of the wait (and the number of polls still grows only with the logarithm of the wait until the maximum).
/// </summary>
public static class PollInterval
{
    /// <param name="current">The pause just waited.</param>
    /// <param name="elapsed">The time waited so far in this loop.</param>
    /// <param name="initial">The shortest pause (the first one).</param>
    /// <param name="max">The longest pause.</param>
    /// <param name="overshoot">The longest pause as a fraction of <paramref name="elapsed"/>.</param>
    public static TimeSpan Next(TimeSpan current, TimeSpan elapsed, TimeSpan initial, TimeSpan max, double overshoot)
    {
        var grown = Math.Min(current.Ticks * 1.5, elapsed.Ticks * overshoot);
        return TimeSpan.FromTicks((long)Math.Clamp(grown, initial.Ticks, Math.Max(initial.Ticks, max.Ticks)));
    }
}
