using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// The cluster a <c>sim</c> verb works on: with <c>--state NAME</c> the one <c>--host sim://NAME</c> keeps (this
/// process's alone until disposed, then saved), otherwise a fresh one forgotten on dispose.
/// </summary>
internal sealed class StateOption : IAsyncDisposable
{
    private StateOption(SimulatorSession? session, SimulatorCluster cluster)
    {
        Session = session;
        Cluster = cluster;
    }

    /// <summary>The kept state, or null for a fresh cluster.</summary>
    public SimulatorSession? Session { get; }

    public SimulatorCluster Cluster { get; }

    public static StateOption Open(Func<string, string?> env, string? name, SimulatorOptions options, ClusterProfile profile)
    {
        if (name is null)
            return new StateOption(null, new SimulatorCluster(profile, options));
        var session = SimulatorSession.Open(SimulatorStates.PathForOption(env, name), $"--state {name}", options, profile);
        return new StateOption(session, session.Cluster);
    }

    public ValueTask DisposeAsync() => Session is { } session ? session.DisposeAsync() : Cluster.DisposeAsync();
}
