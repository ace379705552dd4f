using System.Diagnostics;

namespace LxcForge.Simulator.Engine.Time;

/// <summary>
/// The simulator's clock: simulated time runs <see cref="Factor"/> times faster than real time
/// (1 = real time, 60 = one simulated minute per real second). Every wait in the engine goes through
/// <see cref="Delay"/> or a timer made here, so scaling the clock scales the whole simulation.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly DateTimeOffset _epoch;
    private readonly double _startSeconds;

    /// <param name="factor">How much faster than real time (must be positive).</param>
    /// <param name="epoch">The simulated wall-clock time at simulated second 0.</param>
    /// <param name="startSeconds">Simulated seconds already elapsed (a loaded cluster carries on from its save).</param>
    public SimulationClock(double factor = 1, DateTimeOffset? epoch = null, double startSeconds = 0)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the time factor must be a positive number");
        Factor = factor;
        _epoch = epoch ?? DateTimeOffset.UtcNow;
        _startSeconds = startSeconds;
    }

    public double Factor { get; }

    public DateTimeOffset Epoch => _epoch;

    /// <summary>Simulated time since the cluster was made.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(_startSeconds + (_stopwatch.Elapsed.TotalSeconds * Factor));

    public override DateTimeOffset GetUtcNow() => _epoch + Elapsed;

    public override long GetTimestamp() => (long)(Elapsed.TotalSeconds * TimestampFrequency);

    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <summary>Converts a simulated duration into the real time it takes.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / Factor)));

    /// <summary>Waits <paramref name="simulated"/> simulated time.</summary>
    public Task Delay(TimeSpan simulated, CancellationToken cancellationToken = default) =>
        simulated <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(ToReal(simulated), cancellationToken);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan simulated) => simulated == Timeout.InfiniteTimeSpan ? simulated : ToReal(simulated);
}
