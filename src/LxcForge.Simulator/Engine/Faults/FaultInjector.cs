using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

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

    private readonly HashSet<string> _offlineNodes = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="node"/> off the network (or brings it back): every API call for it fails as Proxmox's proxy
    /// answers for an unreachable node (HTTP 595 <c>No route to host</c>), and so does exec in its containers.
    /// </summary>
    public void SetNodeOffline(string node, bool offline = true)
    {
        lock (_lock)
        {
            if (offline)
                _offlineNodes.Add(node);
            else
                _offlineNodes.Remove(node);
        }
    }

    /// <summary>The nodes taken offline by <see cref="SetNodeOffline"/>.</summary>
    public IReadOnlyList<string> OfflineNodes
    {
        get
        {
            lock (_lock)
                return _offlineNodes.Order(StringComparer.Ordinal).ToList();
        }
    }

    public bool IsOffline(string node)
    {
        lock (_lock)
            return _offlineNodes.Contains(node);
    }

    /// <summary>The faults armed now that a kept cluster carries across runs (<see cref="FaultFile"/>).</summary>
    public FaultFile Export()
    {
        lock (_lock)
        {
            return new FaultFile
            {
                Tasks = _taskFailures.SelectMany(q => q.Value.GroupBy(m => m).Select(g => new TaskFault(q.Key, g.Count(), g.Key))).ToList(),
                Calls = _callFailures.Select(f => new CallFault(f.Remaining, f.StatusCode, f.Message, f.PathContains)).ToList(),
                DelayMilliseconds = CallDelay.TotalMilliseconds,
                Drops = Volatile.Read(ref _drops),
                OfflineNodes = _offlineNodes.Order(StringComparer.Ordinal).ToList(),
            };
        }
    }

    /// <summary>Arms what <paramref name="file"/> lists (after checking every value), on top of what is armed.</summary>
    public void Import(FaultFile file)
    {
        file.Check();
        foreach (var t in file.Tasks)
            FailNextTasks(t.Type, t.Count, t.Message);
        foreach (var c in file.Calls)
            FailNextCalls(c.Count, c.Status, c.Message, c.Path);
        if (file.DelayMilliseconds > 0)
            CallDelay = TimeSpan.FromMilliseconds(file.DelayMilliseconds);
        if (file.Drops > 0)
            DropNextResponses(file.Drops);
        foreach (var node in file.OfflineNodes)
            SetNodeOffline(node);
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
            _offlineNodes.Clear();
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
            var match = _callFailures.FirstOrDefault(f =>
                f.Remaining > 0 && (f.PathContains is null || path.Contains(f.PathContains, StringComparison.Ordinal))
            );
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
