using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;

namespace LxcForge.Core.Tests.Execution;

public sealed class PollIntervalSpecs
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_task_ending_at_any_time_is_seen_at_most_the_overshoot_fraction_late_beyond_the_first_interval()
    {
        // Arrange: poll a task the way the loops do, for endings from 1 s to 10 min.
        var endings = new[] { 1.0, 3.7, 5.45, 12, 47, 133, 600 }.Select(TimeSpan.FromSeconds);

        foreach (var end in endings)
        {
            // Act
            var (seen, polls) = FirstPollAtOrAfter(end, overshoot: 0.05);

            // Assert
            var late = seen - end;
            late.Should().BeLessThanOrEqualTo(Initial + (end * 0.05), $"a task ending at {end.TotalSeconds} s");
            polls.Should().BeLessThan(20 + (int)(end.TotalSeconds / Max.TotalSeconds) * 2 + 60, "the interval still backs off");
        }
    }

    [Fact]
    public void The_interval_never_exceeds_its_maximum_nor_drops_below_its_first_value()
    {
        // Act
        var longWait = PollInterval.Next(Max, TimeSpan.FromHours(1), Initial, Max, 0.05);
        var justStarted = PollInterval.Next(Initial, TimeSpan.Zero, Initial, Max, 0.05);

        // Assert
        longWait.Should().Be(Max);
        justStarted.Should().Be(Initial);
    }

    private static (TimeSpan Seen, int Polls) FirstPollAtOrAfter(TimeSpan end, double overshoot)
    {
        var now = TimeSpan.Zero;
        var interval = Initial;
        var polls = 1;
        while (now < end)
        {
            now += interval;
            polls++;
            interval = PollInterval.Next(interval, now, Initial, Max, overshoot);
        }

        return (now, polls);
    }
}
