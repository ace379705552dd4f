using LxcForge.Simulator.Engine;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class TimeModelSpecs
{
    private const double TemplateBytes = 520L << 20;
    private const double HddBandwidth = 100e6;

    /// <summary>
    /// A loaded machine only makes simulated durations longer (timers fire late; early by a timer tick at most), so the
    /// model's figure is a floor and there is no ceiling. The exact arithmetic is checked on a fake clock in StreamSchedulerSpecs.
    /// </summary>
    private static void AtLeast(TimeSpan took, double modelSeconds) => took.TotalSeconds.Should().BeGreaterThanOrEqualTo(modelSeconds * 0.97);

    private static async Task<TimeSpan> Duration(SimHarness sim, string upid)
    {
        (await sim.WaitTask(upid)).Should().Be("OK");
        return sim.Cluster.GetTaskTiming(upid)!.Duration!.Value;
    }

    [Fact]
    public async Task A_full_clone_from_the_hdd_takes_its_bytes_over_the_hdd_bandwidth()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 100);
        await sim.TemplateOk(900);

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm")))!;
        var took = await Duration(sim, upid);

        // Assert
        AtLeast(took, TemplateBytes / HddBandwidth);
    }

    [Fact]
    public async Task Two_clones_reading_the_same_hdd_share_its_bandwidth()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 100);
        await sim.TemplateOk(900);
        await sim.TemplateOk(901);

        // Act
        var a = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm")))!;
        var b = (string)(await sim.Post("/nodes/pve/lxc/901/clone", ("newid", "201"), ("full", "1"), ("storage", "local-lvm")))!;
        var tookA = await Duration(sim, a);
        var tookB = await Duration(sim, b);

        // Assert
        var shared = 2 * TemplateBytes / HddBandwidth;
        AtLeast(tookA, shared);
        AtLeast(tookB, shared);
    }

    [Fact]
    public async Task A_slowed_storage_stretches_the_copy_by_the_factor()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 100);
        await sim.TemplateOk(900);
        sim.Cluster.Faults.SlowStorage("local-hdd", 4);

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm")))!;
        var took = await Duration(sim, upid);

        // Assert
        AtLeast(took, 4 * TemplateBytes / HddBandwidth);
    }

    [Fact]
    public async Task Start_takes_the_models_start_duration_in_simulated_time()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 100);
        await sim.CreateOk(200, "local-lvm:1");

        // Act
        var took = await Duration(sim, (string)(await sim.Post("/nodes/pve/lxc/200/status/start"))!);

        // Assert
        AtLeast(took, 3);
    }

    [Fact]
    public async Task The_lower_bound_is_the_busiest_storages_bytes_over_its_bandwidth_plus_the_critical_path()
    {
        // Arrange
        await using var sim = new SimHarness();
        var bytes = (long)TemplateBytes;

        // Act
        var bound = sim.Cluster.LowerBound(
            [new StreamDemand("local-hdd", "local-lvm", bytes), new StreamDemand("local-hdd", "local-lvm", bytes)],
            sim.Cluster.TimeModel.StartDuration + sim.Cluster.TimeModel.NetworkDelay
        );

        // Assert
        bound.TotalSeconds.Should().BeApproximately((2 * TemplateBytes / HddBandwidth) + 5, 0.001);
    }

    [Fact]
    public async Task Observed_streams_feed_the_lower_bound()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        var before = sim.Cluster.StreamedBytesByStorage.GetValueOrDefault("local-hdd");

        // Act
        await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"));
        var after = sim.Cluster.StreamedBytesByStorage;

        // Assert
        (after["local-hdd"] - before).Should().Be(TemplateBytes);
        sim.Cluster.LowerBoundOfObservedStreams(TimeSpan.Zero).TotalSeconds.Should().BeApproximately(after["local-hdd"] / HddBandwidth, 0.001);
    }
}
