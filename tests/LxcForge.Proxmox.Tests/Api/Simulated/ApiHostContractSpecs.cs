using LxcForge.Testing.Contract;
using LxcForge.Testing.Simulation;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>The backend contract for the REST API backend, against the simulator over real HTTPS on loopback.</summary>
public sealed class ApiHostContractSpecs : ContainerHostContract
{
    /// <summary>Only what the simulator engine does not serve yet: the API backend itself excludes nothing.</summary>
    protected override IReadOnlyDictionary<string, string> Exclusions { get; } = SimulatorRoutes.ContractExclusions();

    protected override async Task<ContractTarget> CreateHostAsync()
    {
        var pve = await SimulatedPve.StartAsync();
        return new ContractTarget(pve.Host(), new ContractEnvironment(), new SimulatorView(pve.Cluster), pve);
    }
}
