using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace LxcForge.Simulator.Engine.Faults;

/// <summary>
/// Faults on demand, set by tests and benchmarks through <see cref="SimulatorCluster.Faults"/>
/// (the HTTP front end exposes the same calls under <c>/simulator/...</c>).
/// </summary>
public sealed class FaultInjector
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<string>> _taskFailures = new(StringComparer.Ordinal);
    private readonly List<CallFailure> _callFailures = [];
    private volatile bool _anyCallFailure;
    // Counters in boxes bumped with Interlocked: concurrent readers of one path do not queue on a dictionary lock.
    private readonly ConcurrentDictionary<string, StrongBox<int>> _calls = new(StringComparer.Ordinal);
    private SimulatorCluster? _cluster;
    private int _drops;

    internal void Attach(SimulatorCluster cluster) => _cluster = cluster;

    private SimulatorCluster Cluster => _cluster ?? throw new InvalidOperationException("fault injector not attached to a cluster");

    /// <summary>The next <paramref name="count"/> tasks of <paramref name="taskType"/> (vzclone, vzcreate, vzstart,
    /// vzdump, download…) fail with <paramref name="message"/> (after the worker's own prefix, e.g. <c>clone failed: </c>).</summary>
    public void FailNextTasks(string taskType, int count, string message)
    {
        lock (_lock)
        {
            if (!_taskFailures.TryGetValue(taskType, out var queue))
                _taskFailures[taskType] = queue = new Queue<string>();
            for (var i = 0; i < count; i++)
                queue.Enqueue(message);
        }
    }

    internal string? TakeTaskFailure(string taskType)
    {
        lock (_lock)
            return _taskFailures.TryGetValue(taskType, out var q) && q.Count > 0 ? q.Dequeue() : null;
    }

    /// <summary>Sets config lock <paramref name="lockName"/> on <paramref name="vmid"/> now and removes it after
    /// <paramref name="duration"/> of simulated time (if it is still that lock).</summary>
    public void HoldLock(int vmid, string lockName, TimeSpan duration) => Cluster.HoldLock(vmid, lockName, duration);

    /// <summary>Divides the bandwidth of storage <paramref name="storageId"/> (on every node) by <paramref name="factor"/>; 1 restores it.</summary>
    public void SlowStorage(string storageId, double factor) => Cluster.SlowStorage(storageId, factor);

    /// <summary>Fills storage <paramref name="storageId"/> (on every node) so only <paramref name="leaveFreeBytes"/> stay free.</summary>
    public void FillStorage(string storageId, long leaveFreeBytes = 0) => Cluster.FillStorage(storageId, leaveFreeBytes);

    /// <summary>The next <paramref name="count"/> API calls (whose path contains <paramref name="pathContains"/>, when given)
    /// fail with HTTP <paramref name="statusCode"/> and <paramref name="message"/>.</summary>
    public void FailNextCalls(int count, int statusCode = 500, string message = "simulated server error", string? pathContains = null)
    {
        lock (_lock)
        {
            _callFailures.Add(new CallFailure(count, statusCode, message, pathContains));
            _anyCallFailure = true;
        }
    }

    /// <summary>Every API call waits this long (simulated) before it is answered; zero turns it off.</summary>
    public TimeSpan CallDelay { get; set; }

    /// <summary>The next <paramref name="count"/> responses are dropped: the HTTP front end closes the connection
    /// (it asks <see cref="TryConsumeDrop"/>); in process the call throws <see cref="SimulatedDropException"/>.</summary>
    public void DropNextResponses(int count) => Interlocked.Add(ref _drops, count);

    /// <summary>True (and counts one down) when the current response should be dropped.</summary>
    public bool TryConsumeDrop()
    {
        while (true)
        {
            var current = Volatile.Read(ref _drops);
            if (current <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _drops, current - 1, current) == current)
                return true;
        }
    }

    /// <summary>Number of API calls seen, by method (GET, POST, PUT, DELETE).</summary>
    public int Calls(string method) => Count(method.ToUpperInvariant());

    /// <summary>Number of API calls that could change state (POST, PUT, DELETE), failed ones included.</summary>
    public int WriteCalls => Calls("POST") + Calls("PUT") + Calls("DELETE");

    /// <summary>Number of calls to one method and exact path, e.g. <c>("POST", "/nodes/pve/lxc/900/clone")</c>.</summary>
    public int CallsTo(string method, string path) => Count(method.ToUpperInvariant() + " " + path);

    /// <summary>Clears every fault and counter.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _taskFailures.Clear();
            _callFailures.Clear();
            _anyCallFailure = false;
        }

        _calls.Clear();
        CallDelay = TimeSpan.Zero;
        Interlocked.Exchange(ref _drops, 0);
    }

    internal void CountCall(string method, string path)
    {
        Interlocked.Increment(ref _calls.GetOrAdd(method, _ => new StrongBox<int>()).Value);
        Interlocked.Increment(ref _calls.GetOrAdd(method + " " + path, _ => new StrongBox<int>()).Value);
    }

    private int Count(string key) => _calls.TryGetValue(key, out var box) ? Volatile.Read(ref box.Value) : 0;

    internal (int Status, string Message)? TakeCallFailure(string path)
    {
        // Every call asks; without a failure armed it must not queue on the lock.
        if (!_anyCallFailure)
            return null;
        lock (_lock)
        {
            var match = _callFailures.FirstOrDefault(f => f.Remaining > 0 && (f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal)));
            if (match is null)
                return null;
            match.Remaining--;
            if (match.Remaining == 0)
                _callFailures.Remove(match);
            _anyCallFailure = _callFailures.Count > 0;
            return (match.StatusCode, match.Message);
        }
    }

    private sealed class CallFailure(int count, int statusCode, string message, string? pathContains)
    {
        public int Remaining { get; set; } = count;

        public int StatusCode { get; } = statusCode;

        public string Message { get; } = message;

        public string? PathContains { get; } = pathContains;
    }
}

/// <summary>Thrown in process when a fault drops the response (the HTTP front end closes the connection instead).</summary>
public sealed class SimulatedDropException() : Exception("the simulator dropped this response (fault injection)");
