using LxcForge.Testing.Contract;
using LxcForge.Testing.Simulation;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>The backend contract for the REST API backend, against the simulator over real HTTPS on loopback.</summary>
public sealed class ApiHostContractSpecs : ContainerHostContract
{
    private static readonly Dictionary<string, string[]> RoutesNeeded = new()
    {
        [ContractScenario.ResizeGrowAndRefuseShrink] = ["PUT /nodes/{node}/lxc/{vmid}/resize"],
        [ContractScenario.BackupListRestore] = ["POST /nodes/{node}/vzdump", "DELETE /nodes/{node}/storage/{storage}/content/{volume}"],
        [ContractScenario.SnapshotRollback] = ["POST /nodes/{node}/lxc/{vmid}/snapshot", "POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback"],
    };

    /// <summary>Only what the simulator engine does not serve yet: the API backend itself excludes nothing.</summary>
    protected override IReadOnlyDictionary<string, string> Exclusions { get; } = RoutesNeeded
        .Select(kv => (kv.Key, Missing: SimulatorRoutes.Missing(kv.Value)))
        .Where(x => x.Missing.Count > 0)
        .ToDictionary(x => x.Key, x => $"the simulator does not serve {string.Join(", ", x.Missing)} yet");

    protected override async Task<ContractTarget> CreateHostAsync()
    {
        var pve = await SimulatedPve.StartAsync();
        return new ContractTarget(pve.Host(), new ContractEnvironment(), new SimulatorView(pve.Cluster), pve);
    }
}
