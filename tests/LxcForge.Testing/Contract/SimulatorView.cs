using LxcForge.Core.Hosting;
using LxcForge.Simulator;
using LxcForge.Simulator.Engine;

namespace LxcForge.Testing.Contract;

/// <summary>The contract's independent view of a simulated host: the engine called in process, bypassing HTTP, the command line and every backend.</summary>
public sealed class SimulatorView(SimulatorCluster cluster, string node = "pve") : IContractView
{
    public async Task<ContainerConfig?> ReadConfigAsync(int vmid)
    {
        try
        {
            var data = await cluster.CallAsync(ApiRequest.Get($"/nodes/{node}/lxc/{vmid}/config"));
            return new ContainerConfig(data!.AsObject().Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!.ToString())));
        }
        catch (PveApiException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }
    }

    public async Task<ContainerStatus?> ReadStatusAsync(int vmid)
    {
        try
        {
            var data = await cluster.CallAsync(ApiRequest.Get($"/nodes/{node}/lxc/{vmid}/status/current"));
            return data!["status"]!.ToString() == "running" ? ContainerStatus.Running : ContainerStatus.Stopped;
        }
        catch (PveApiException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }
    }

    public async Task SetLockAsync(int vmid, string? lockValue)
    {
        if (lockValue is not null)
        {
            await cluster.CallAsync(ApiRequest.Put($"/nodes/{node}/lxc/{vmid}/config", new Dictionary<string, string> { ["lock"] = lockValue }));
            return;
        }

        // Proxmox's API clears a lock only with skiplock; pct unlock edits the node's file, as the simulator's node action does.
        await cluster.UnlockAsync(node, vmid);
    }

    public async Task<IReadOnlyList<string>> ListBackupVolumesAsync(string storage)
    {
        var data = await cluster.CallAsync(
            ApiRequest.Get($"/nodes/{node}/storage/{storage}/content", new Dictionary<string, string> { ["content"] = "backup" })
        );
        return data!.AsArray().Select(v => v!["volid"]!.ToString()).ToList();
    }
}
