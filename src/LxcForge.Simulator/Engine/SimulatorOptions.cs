namespace LxcForge.Simulator.Engine;

/// <summary>How a <see cref="SimulatorCluster"/> runs: how fast time goes, where sandboxes live, the time model.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Simulated seconds per real second (60 = a minute per second; tests use 1000).</summary>
    public double TimeFactor { get; init; } = 1;

    /// <summary>Where container sandboxes and backup archives live. Null: a temporary directory removed on Dispose.</summary>
    public string? StateDirectory { get; init; }

    public TimeModel TimeModel { get; init; } = new();

    /// <summary>The real clock under the scaled one (default: the system's). Tests may pass a FakeTimeProvider to step time by hand.</summary>
    public TimeProvider? TimeSource { get; init; }

    /// <summary>The simulated wall clock at simulated second 0 (default: now).</summary>
    public DateTimeOffset? Epoch { get; init; }
}

/// <summary>The durations the time model adds besides streaming bytes (DESIGN.md "Time model").</summary>
public sealed record TimeModel
{
    /// <summary>From <c>start</c> to status <c>running</c> (the vzstart task ends then).</summary>
    public TimeSpan StartDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>From <c>running</c> to the network inside being up (eth0 has its address).</summary>
    public TimeSpan NetworkDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan StopDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ShutdownDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bandwidth of template downloads (<c>pveam download</c>).</summary>
    public double DownloadBytesPerSecond { get; init; } = 50e6;

    /// <summary>Archive size over data size for each vzdump compressor.</summary>
    public double CompressionRatio(string compress) =>
        compress switch
        {
            "zstd" => 0.4,
            "gzip" => 0.45,
            "lzo" or "1" => 0.55,
            _ => 1.0,
        };
}
