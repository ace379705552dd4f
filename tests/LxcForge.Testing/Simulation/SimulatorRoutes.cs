using LxcForge.Simulator.Engine;
using LxcForge.Testing.Contract;

namespace LxcForge.Testing.Simulation;

/// <summary>
/// Which API routes the simulator engine serves, so a scenario that needs a route the engine does not serve
/// yet is reported as skipped with that reason (and runs by itself once the route lands), never as a pass.
/// </summary>
public static class SimulatorRoutes
{
    private static readonly Lazy<HashSet<string>> Served = new(() =>
    {
        using var cluster = new SimulatorCluster();
        return cluster.ApiRoutes.Select(r => $"{r.Method} {r.Template}").ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>True when the engine serves <paramref name="method"/> <paramref name="template"/> (e.g. <c>PUT /nodes/{node}/lxc/{vmid}/resize</c>).</summary>
    public static bool Serves(string method, string template) => Served.Value.Contains($"{method} {template}");

    /// <summary>The routes of <paramref name="routes"/> the engine does not serve, as "METHOD template".</summary>
    public static IReadOnlyList<string> Missing(params string[] routes) => routes.Where(r => !Served.Value.Contains(r)).ToList();

    /// <summary>The API routes behind contract scenarios that the engine may not serve yet.</summary>
    private static readonly Dictionary<string, string[]> ContractRoutes = new()
    {
        [ContractScenario.ResizeGrowAndRefuseShrink] = ["PUT /nodes/{node}/lxc/{vmid}/resize"],
        [ContractScenario.BackupListRestore] = ["POST /nodes/{node}/vzdump", "DELETE /nodes/{node}/storage/{storage}/content/{volume}"],
        [ContractScenario.SnapshotRollback] = ["POST /nodes/{node}/lxc/{vmid}/snapshot", "POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback"],
    };

    /// <summary>Contract scenarios to skip because the engine does not serve a route they need yet, each with that reason.</summary>
    public static IReadOnlyDictionary<string, string> ContractExclusions() =>
        ContractRoutes
            .Select(kv => (kv.Key, Missing: Missing(kv.Value)))
            .Where(x => x.Missing.Count > 0)
            .ToDictionary(x => x.Key, x => $"the simulator does not serve {string.Join(", ", x.Missing)} yet");
}
