using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Time;

/// <summary>
/// Streams bytes between storages as a fluid model: every active stream gets an equal share of each
/// storage it touches and moves at the smallest of those shares. Rates are recomputed whenever a stream
/// starts or ends or a storage slows, and one timer fires at the next completion — no polling.
/// </summary>
internal sealed class StreamScheduler
{
    private readonly SimulationClock _clock;
    private readonly object _lock = new();
    private readonly List<Flow> _flows = [];
    private readonly Dictionary<string, double> _bytesByStorage = new(StringComparer.Ordinal);
    private TimeSpan _lastUpdate;
    private ITimer? _timer;

    public StreamScheduler(SimulationClock clock) => _clock = clock;

    /// <summary>Bytes streamed so far through each storage (read or written), keyed by storage id.</summary>
    public IReadOnlyDictionary<string, double> BytesByStorage
    {
        get
        {
            lock (_lock)
                return new Dictionary<string, double>(_bytesByStorage);
        }
    }

    public int ActiveStreams
    {
        get
        {
            lock (_lock)
                return _flows.Count;
        }
    }

    /// <summary>Moves <paramref name="bytes"/> from <paramref name="source"/> to <paramref name="target"/>; completes when done.</summary>
    public async Task TransferAsync(SimStorage? source, SimStorage target, long bytes, CancellationToken cancellationToken = default)
    {
        var storages = source is null || ReferenceEquals(source, target) ? new[] { target } : [source, target];
        await _clock.Delay(storages.Max(s => s.Profile.Latency), cancellationToken);
        if (bytes <= 0)
            return;
        var flow = new Flow(storages, bytes);
        lock (_lock)
        {
            Advance();
            _flows.Add(flow);
            foreach (var s in storages)
                _bytesByStorage[s.Id] = _bytesByStorage.GetValueOrDefault(s.Id) + bytes;
            Reschedule();
        }

        await using var _ = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                Advance();
                _flows.Remove(flow);
                Reschedule();
            }

            flow.Done.TrySetCanceled(cancellationToken);
        });
        await flow.Done.Task;
    }

    /// <summary>Recomputes rates now (after a storage's bandwidth changed).</summary>
    public void BandwidthChanged()
    {
        lock (_lock)
        {
            Advance();
            Reschedule();
        }
    }

    private void Advance()
    {
        var now = _clock.Elapsed;
        var dt = (now - _lastUpdate).TotalSeconds;
        _lastUpdate = now;
        if (dt <= 0)
            return;
        foreach (var f in _flows)
            f.Remaining -= f.Rate * dt;
    }

    private void Reschedule()
    {
        foreach (var done in _flows.Where(f => f.Remaining <= 0.5).ToList())
        {
            _flows.Remove(done);
            done.Done.TrySetResult();
        }

        var users = new Dictionary<SimStorage, int>(ReferenceEqualityComparer.Instance);
        foreach (var s in _flows.SelectMany(f => f.Storages))
            users[s] = users.GetValueOrDefault(s) + 1;
        foreach (var f in _flows)
            f.Rate = f.Storages.Min(s => s.Bandwidth / users[s]);

        _timer?.Dispose();
        _timer = null;
        if (_flows.Count == 0)
            return;
        var next = _flows.Min(f => f.Remaining / f.Rate);
        _timer = _clock.CreateTimer(_ => OnTimer(), null, TimeSpan.FromSeconds(Math.Max(next, 1e-6)), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            Advance();
            // A real timer may fire up to a tick (1 ms real) early; finish the flows that close to done.
            var tick = _clock.Factor * 0.001;
            foreach (var f in _flows.Where(f => f.Remaining / f.Rate < tick))
                f.Remaining = 0;
            Reschedule();
        }
    }

    private sealed class Flow(SimStorage[] storages, long bytes)
    {
        public SimStorage[] Storages { get; } = storages;

        public double Remaining { get; set; } = bytes;

        public double Rate { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
