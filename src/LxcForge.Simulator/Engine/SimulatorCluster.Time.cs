namespace LxcForge.Simulator.Engine;

/// <summary>The time model seen from outside: task makespans in simulated time and the model's lower bound.</summary>
public sealed partial class SimulatorCluster
{
    /// <summary>When task <paramref name="upid"/> started and ended, in simulated time since the cluster was made (null: unknown).</summary>
    public TaskTiming? GetTaskTiming(string upid)
    {
        using (Gate.Read())
        {
            var t = State.Tasks.FirstOrDefault(t => t.Upid == upid);
            return t is null ? null : new TaskTiming(TimeSpan.FromSeconds(t.StartedAtSeconds), t.EndedAtSeconds is { } e ? TimeSpan.FromSeconds(e) : null);
        }
    }

    /// <summary>Bytes streamed so far through each storage id (reads and writes), for reporting and <see cref="LowerBound"/>.</summary>
    public IReadOnlyDictionary<string, double> StreamedBytesByStorage => Streams.BytesByStorage;

    /// <summary>
    /// The model's lower bound for a workload: the busiest storage's bytes over its bandwidth (every stream that
    /// reads or writes it counts), plus <paramref name="criticalPath"/> — the longest chain of work that cannot overlap,
    /// e.g. <see cref="TimeModel.StartDuration"/> + <see cref="TimeModel.NetworkDelay"/> + configuration.
    /// Storage ids are looked up on <paramref name="node"/> (default: the first node).
    /// </summary>
    public TimeSpan LowerBound(IEnumerable<StreamDemand> streams, TimeSpan criticalPath, string? node = null)
    {
        var perStorage = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in streams)
        {
            perStorage[s.SourceStorage] = perStorage.GetValueOrDefault(s.SourceStorage) + s.Bytes;
            if (s.TargetStorage != s.SourceStorage)
                perStorage[s.TargetStorage] = perStorage.GetValueOrDefault(s.TargetStorage) + s.Bytes;
        }

        return LowerBound(perStorage, criticalPath, node);
    }

    /// <summary><see cref="LowerBound(IEnumerable{StreamDemand}, TimeSpan, string?)"/> for the bytes actually streamed so far.</summary>
    public TimeSpan LowerBoundOfObservedStreams(TimeSpan criticalPath, string? node = null) => LowerBound(Streams.BytesByStorage, criticalPath, node);

    private TimeSpan LowerBound(IReadOnlyDictionary<string, double> bytesPerStorage, TimeSpan criticalPath, string? node)
    {
        using (Gate.Read())
        {
            var on = node ?? State.Nodes.Keys.First();
            var busiest = bytesPerStorage
                .Select(kv =>
                {
                    var storage = State.Storage(on, kv.Key)
                        ?? throw new ArgumentException($"storage '{kv.Key}' does not exist on node '{on}'", nameof(bytesPerStorage));
                    return kv.Value / storage.Bandwidth;
                })
                .DefaultIfEmpty(0)
                .Max();
            return TimeSpan.FromSeconds(busiest) + criticalPath;
        }
    }
}

/// <summary>A task's start and end in simulated time since the cluster was made.</summary>
public sealed record TaskTiming(TimeSpan Started, TimeSpan? Ended)
{
    public TimeSpan? Duration => Ended - Started;
}

/// <summary>Bytes a workload must stream from one storage to another (a clone, a backup, a restore).</summary>
public sealed record StreamDemand(string SourceStorage, string TargetStorage, long Bytes);
