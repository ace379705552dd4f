using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Engine.Time;
using Microsoft.Extensions.Time.Testing;

namespace LxcForge.Simulator.Tests.Engine;

/// <summary>The bandwidth model stepped by hand on a fake clock, so the arithmetic is checked exactly whatever the machine's load.</summary>
public sealed class StreamSchedulerSpecs
{
    private readonly FakeTimeProvider _time = new();
    private readonly StreamScheduler _streams;
    private readonly SimStorage _hdd = new() { Profile = StorageProfile.LocalHdd };
    private readonly SimStorage _ssd = new() { Profile = StorageProfile.LocalLvm };

    public StreamSchedulerSpecs() => _streams = new StreamScheduler(new SimulationClock(source: _time));

    private async Task Started(int count)
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await SimHarness.WaitUntil(() => Task.FromResult(_streams.ActiveStreams == count));
    }

    [Fact]
    public async Task One_stream_moves_at_the_slower_storages_bandwidth()
    {
        // Arrange
        var copy = _streams.TransferAsync(_hdd, _ssd, 100_000_000);
        await Started(1);

        // Act
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var early = copy.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        early.Should().BeFalse();
        await copy.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Two_streams_from_the_same_hdd_each_get_half()
    {
        // Arrange
        var a = _streams.TransferAsync(_hdd, _ssd, 100_000_000);
        var b = _streams.TransferAsync(_hdd, _ssd, 100_000_000);
        await Started(2);

        // Act
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        var early = a.IsCompleted || b.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        early.Should().BeFalse();
        await Task.WhenAll(a, b).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_stream_that_joins_later_slows_the_first_only_from_then_on()
    {
        // Arrange
        var first = _streams.TransferAsync(_hdd, _ssd, 100_000_000);
        await Started(1);
        _time.Advance(TimeSpan.FromMilliseconds(490));
        var second = _streams.TransferAsync(_hdd, _ssd, 100_000_000);
        await Started(2);

        // Act: 50 MB left at 50 MB/s
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var early = first.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        early.Should().BeFalse();
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        second.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Slowing_a_storage_mid_copy_stretches_what_is_left()
    {
        // Arrange
        var copy = _streams.TransferAsync(_ssd, _ssd, 500_000_000);
        await Started(1);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        // Act: 250 MB left, now at 100 MB/s
        _ssd.SlowFactor = 5;
        _streams.BandwidthChanged();
        _time.Advance(TimeSpan.FromMilliseconds(2499));
        var early = copy.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        early.Should().BeFalse();
        await copy.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
