using System.Diagnostics;

namespace LxcForge.Simulator.Engine.Time;

/// <summary>
/// The simulator's clock: simulated time runs <see cref="Factor"/> times faster than real time
/// (1 = real time, 60 = one simulated minute per real second). Every wait in the engine goes through
/// <see cref="Delay"/> or a timer made here, so scaling the clock scales the whole simulation.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly TimeProvider _source;
    private readonly long _startTimestamp;
    private readonly DateTimeOffset _epoch;
    private readonly double _startSeconds;

    /// <param name="factor">How much faster than real time (must be positive).</param>
    /// <param name="epoch">The simulated wall-clock time at simulated second 0.</param>
    /// <param name="startSeconds">Simulated seconds already elapsed (a loaded cluster carries on from its save).</param>
    /// <param name="source">The real clock underneath (default: the system's); a FakeTimeProvider makes the simulation step by hand.</param>
    public SimulationClock(double factor = 1, DateTimeOffset? epoch = null, double startSeconds = 0, TimeProvider? source = null)
    {
        _source = source ?? System;
        _startTimestamp = _source.GetTimestamp();
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the time factor must be a positive number");
        Factor = factor;
        _epoch = epoch ?? DateTimeOffset.UtcNow;
        _startSeconds = startSeconds;
    }

    public double Factor { get; }

    public DateTimeOffset Epoch => _epoch;

    /// <summary>Simulated time since the cluster was made.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(_startSeconds + (_source.GetElapsedTime(_startTimestamp).TotalSeconds * Factor));

    public override DateTimeOffset GetUtcNow() => _epoch + Elapsed;

    public override long GetTimestamp() => (long)(Elapsed.TotalSeconds * TimestampFrequency);

    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <summary>Converts a simulated duration into the real time it takes.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / Factor)));

    /// <summary>Waits <paramref name="simulated"/> simulated time, never less (a coarse timer that fires early waits again).</summary>
    public async Task Delay(TimeSpan simulated, CancellationToken cancellationToken = default)
    {
        if (simulated <= TimeSpan.Zero)
            return;
        var until = Elapsed + simulated;
        for (var left = simulated; left > TimeSpan.Zero; left = until - Elapsed)
            await Task.Delay(AtLeastOneMillisecond(ToReal(left)), _source, cancellationToken);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _source.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan simulated) => simulated == Timeout.InfiniteTimeSpan ? simulated : AtLeastOneMillisecond(ToReal(simulated));

    // Real timers tick in milliseconds; anything shorter would fire at once and spin.
    private static TimeSpan AtLeastOneMillisecond(TimeSpan real) => real < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : real;
}
