using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Api;
using LxcForge.Simulator.Engine.Exec;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Engine.Tasks;
using LxcForge.Simulator.Engine.Time;

namespace LxcForge.Simulator.Engine;

/// <summary>
/// A simulated Proxmox VE cluster: nodes, storages, containers, tasks, a scaled clock and fault injection.
/// It answers Proxmox API calls (<see cref="IPveApi"/>) with Proxmox's semantics and error texts, and runs
/// <c>pct exec</c> commands in per-container sandboxes (<see cref="ISimulatorExec"/>). Thread-safe.
/// </summary>
public sealed partial class SimulatorCluster : IPveApi, ISimulatorExec, IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly bool _ownsStateDirectory;
    private readonly ApiRouter _router;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _backupLocks = new(StringComparer.Ordinal);

    /// <summary>Builds a fresh cluster from <paramref name="profile"/> (default: the fleet design's single-node host).</summary>
    public SimulatorCluster(ClusterProfile? profile = null, SimulatorOptions? options = null)
        : this(NewState(profile ?? ClusterProfile.Default, options ?? new SimulatorOptions()), options ?? new SimulatorOptions()) { }

    private SimulatorCluster(ClusterState state, SimulatorOptions options)
    {
        State = state;
        Options = options;
        _ownsStateDirectory = options.StateDirectory is null;
        StateDirectory = options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "lxcforge-sim-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(StateDirectory);
        Clock = new SimulationClock(options.TimeFactor, state.Epoch, state.SimulatedSeconds, options.TimeSource);
        Faults = new FaultInjector();
        Faults.Attach(this);
        Streams = new StreamScheduler(Clock);
        Tasks = new TaskRunner(State, Gate, Clock, Faults, _shutdown.Token);
        Sandboxes = new SandboxManager(Path.Combine(StateDirectory, "sandboxes"));
        _router = Routes.Build();
    }

    /// <summary>The scaled clock; <see cref="SimulationClock.Elapsed"/> is the simulated time so far.</summary>
    public SimulationClock Clock { get; }

    /// <summary>Fault injection and call counters.</summary>
    public FaultInjector Faults { get; }

    public SimulatorOptions Options { get; }

    public TimeModel TimeModel => Options.TimeModel;

    /// <summary>Sandboxes and backup archives live here.</summary>
    public string StateDirectory { get; }

    /// <summary>Simulated time since the cluster was made.</summary>
    public TimeSpan SimulatedElapsed => Clock.Elapsed;

    /// <summary>The node names, sorted.</summary>
    public IReadOnlyList<string> NodeNames
    {
        get
        {
            using (Gate.Read())
                return State.Nodes.Keys.ToList();
        }
    }

    /// <summary>Moves whenever the state changes (every write); equal readings mean nothing changed in between.</summary>
    public long StateVersion => Gate.Version;

    /// <summary>Every API route served, as (method, path template) pairs (schema conformance tests use it).</summary>
    public IEnumerable<(string Method, string Template)> ApiRoutes => _router.Routes;

    internal StateGate Gate { get; } = new();

    /// <summary>The <c>/cluster/resources</c> list, kept serialised between changes.</summary>
    internal Views.ResourcesView Resources { get; } = new();

    internal ClusterState State { get; private set; }

    internal StreamScheduler Streams { get; }

    internal TaskRunner Tasks { get; }

    internal SandboxManager Sandboxes { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>vzdump's global lock: one backup job per node at a time.</summary>
    internal SemaphoreSlim BackupLock(string node) => _backupLocks.GetOrAdd(node, _ => new SemaphoreSlim(1, 1));

    /// <inheritdoc />
    public async Task<JsonNode?> CallAsync(ApiRequest request, CancellationToken cancellationToken = default) =>
        (await CallRouteAsync(request, cancellationToken)).ToNode();

    /// <inheritdoc />
    /// <remarks>A list kept serialised (<c>/cluster/resources</c>) comes back as <see cref="ApiResult.Utf8Data"/>, not parsed.</remarks>
    public async Task<ApiResult> CallWithTotalAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var reply = await CallRouteAsync(request, cancellationToken);
        return new ApiResult(reply.Node, null) { Utf8Data = reply.Utf8 };
    }

    private async Task<ApiReply> CallRouteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var path = ApiRouter.Normalize(request.Path);
        var method = request.Method.ToUpperInvariant();
        Faults.CountCall(method, path);
        if (Faults.CallDelay > TimeSpan.Zero)
            await Clock.Delay(Faults.CallDelay, cancellationToken);
        if (Faults.TakeCallFailure(path) is { } failure)
            throw new PveApiException(failure.Status, failure.Message);
        if (OfflineNodeOf(path) is { } offline)
            throw NodeUnreachable(offline);

        var (handler, values, pathExists) = _router.Match(method, path);
        if (handler is null)
            throw new PveApiException(501, pathExists ? $"Method '{method} {path}' not implemented" : $"Method '{method} {path}' not implemented");
        var parameters = new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in values)
            parameters[k] = v;
        ApiReply result;
        using (method == "GET" ? Gate.Read() : Gate.Enter())
            result = handler(new RouteContext(this, request, parameters));
        if (Faults.TryConsumeDrop())
            throw new SimulatedDropException();
        return result;
    }

    /// <summary>The node a <c>/nodes/NODE/…</c> call is for, when that node is taken offline by a fault.</summary>
    private string? OfflineNodeOf(string path)
    {
        if (!path.StartsWith("/nodes/", StringComparison.Ordinal))
            return null;
        var rest = path["/nodes/".Length..];
        var node = rest.Contains('/') ? rest[..rest.IndexOf('/')] : rest;
        return node.Length > 0 && Faults.IsOffline(node) ? node : null;
    }

    /// <summary>What Proxmox's proxy answers for a call it cannot forward to a node that is down: 595 No route to host.</summary>
    internal static PveApiException NodeUnreachable(string node) => new(595, $"No route to host (node '{node}' is offline)");

    /// <summary>Waits (in real time, up to <paramref name="timeout"/>) until task <paramref name="upid"/> has stopped; returns its exit status.</summary>
    public async Task<string> WaitForTaskAsync(string upid, TimeSpan timeout)
    {
        SimTask? task;
        using (Gate.Read())
            task = State.Tasks.FirstOrDefault(t => t.Upid == upid);
        if (task is null)
            throw new ArgumentException($"no such task '{upid}'", nameof(upid));
        if (task.Status == "stopped")
            return task.ExitStatus ?? "unexpected status";
        await task.Done.Task.WaitAsync(timeout);
        return task.ExitStatus ?? "unexpected status";
    }

    /// <summary>Waits until no worker task is running (real-time <paramref name="timeout"/>).</summary>
    public Task WaitForIdleAsync(TimeSpan timeout) => Tasks.AllAsync().WaitAsync(timeout);

    internal void HoldLock(int vmid, string lockName, TimeSpan duration)
    {
        using (Gate.Enter())
        {
            var ct = State.Containers.GetValueOrDefault(vmid) ?? throw new ArgumentException($"CT {vmid} does not exist", nameof(vmid));
            ct.Config["lock"] = lockName;
        }

        _ = ReleaseLater();

        async Task ReleaseLater()
        {
            try
            {
                await Clock.Delay(duration, _shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (Gate.Enter())
            {
                if (State.Containers.TryGetValue(vmid, out var ct) && ct.Lock == lockName)
                    ct.Config.Remove("lock");
            }
        }
    }

    internal void SlowStorage(string storageId, double factor)
    {
        if (!(factor > 0))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the slow-down factor must be positive");
        using (Gate.Enter())
        {
            foreach (var s in StoragesNamed(storageId))
                s.SlowFactor = factor;
        }

        Streams.BandwidthChanged();
    }

    internal void FillStorage(string storageId, long leaveFreeBytes)
    {
        using (Gate.Enter())
        {
            foreach (var s in StoragesNamed(storageId))
            {
                s.FaultUsedBytes = 0;
                s.FaultUsedBytes = Math.Max(0, s.FreeBytes - leaveFreeBytes);
            }
        }
    }

    private List<SimStorage> StoragesNamed(string storageId)
    {
        var found = State
            .Nodes.Values.Select(n => n.LocalStorages.GetValueOrDefault(storageId))
            .Append(State.SharedStorages.GetValueOrDefault(storageId))
            .OfType<SimStorage>()
            .Distinct()
            .ToList();
        return found.Count > 0 ? found : throw new ArgumentException($"storage '{storageId}' does not exist", nameof(storageId));
    }

    private static ClusterState NewState(ClusterProfile profile, SimulatorOptions options)
    {
        if (profile.Nodes.Count == 0)
            throw new ArgumentException("a cluster profile needs at least one node", nameof(profile));
        var epoch = options.Epoch ?? DateTimeOffset.UtcNow;
        var state = new ClusterState
        {
            ClusterName = profile.ClusterName,
            Templates = profile.AvailableTemplates.ToList(),
            Epoch = epoch,
        };
        foreach (var shared in profile.SharedStorages)
            state.SharedStorages[shared.Id] = new SimStorage { Profile = shared with { Shared = true } };
        foreach (var np in profile.Nodes)
        {
            var node = new SimNode { Profile = np };
            foreach (var sp in np.Storages)
                node.LocalStorages[sp.Id] = new SimStorage { Profile = sp };
            state.Nodes[np.Name] = node;
            foreach (var file in np.DownloadedTemplates)
            {
                var template = state.Templates.FirstOrDefault(t => t.FileName == file)
                    ?? throw new ArgumentException($"node {np.Name}: template '{file}' is not in the profile's catalogue", nameof(profile));
                var local = node.LocalStorages.Values.FirstOrDefault(s => s.HasContent("vztmpl"))
                    ?? throw new ArgumentException($"node {np.Name}: no storage with vztmpl content for '{file}'", nameof(profile));
                Storage.StorageOps.AddTemplateVolume(local, template, epoch.ToUnixTimeSeconds());
            }
        }

        return state;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        try
        {
            await Tasks.AllAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Workers ignore nothing but a stuck sandbox command; the state directory goes anyway.
        }

        if (_ownsStateDirectory)
            SandboxManager.DeleteTree(StateDirectory);
        _shutdown.Dispose();
        Sandboxes.Dispose();
    }
}
