using LxcForge.Testing.Contract;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>The backend contract for the REST API backend, against the simulator over real HTTPS on loopback.</summary>
public sealed class ApiHostContractSpecs : ContainerHostContract
{
    protected override async Task<ContractTarget> CreateHostAsync()
    {
        var pve = await SimulatedPve.StartAsync();
        return new ContractTarget(pve.Host(), new ContractEnvironment(), new SimulatorView(pve.Cluster), pve);
    }
}
