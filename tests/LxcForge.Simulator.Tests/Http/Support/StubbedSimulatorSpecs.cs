namespace LxcForge.Simulator.Tests.Http.Support;

/// <summary>Base for spec classes that run one simulator server per test over a <see cref="RecordingPveApi"/>.</summary>
public abstract class StubbedSimulatorSpecs : IAsyncLifetime
{
    internal RecordingPveApi Api { get; } = new();

    internal RunningSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await RunningSimulator.StartAsync(Api);

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
