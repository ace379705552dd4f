using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;
using LxcForge.Simulator;
using LxcForge.Simulator.Engine;
using LxcForge.Testing.Contract;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>The contract's independent view: the simulated cluster read straight through its API, not through any CLI.</summary>
internal sealed class SimulatorView(SimulatorCluster cluster, string node = "pve") : IContractView
{
    public async Task<ContainerConfig?> ReadConfigAsync(int vmid) =>
        await GetAsync($"/nodes/{node}/lxc/{vmid}/config") is JsonObject o ? PveshJson.Config(o) : null;

    public async Task<ContainerStatus?> ReadStatusAsync(int vmid) =>
        await GetAsync($"/nodes/{node}/lxc/{vmid}/status/current") is JsonObject o
            ? PveshJson.Str(o, "status") == "running" ? ContainerStatus.Running : ContainerStatus.Stopped
            : null;

    public async Task SetLockAsync(int vmid, string? lockValue)
    {
        if (lockValue is not null)
        {
            cluster.Faults.HoldLock(vmid, lockValue, TimeSpan.FromDays(1));
            return;
        }

        if ((await ReadConfigAsync(vmid))?.Lock is not { } current)
            return;
        cluster.Faults.HoldLock(vmid, current, TimeSpan.Zero); // released by the cluster at once
        var delay = TimeSpan.FromMilliseconds(5);
        while ((await ReadConfigAsync(vmid))?.Lock is not null)
        {
            await Task.Delay(delay); // back-off while the release lands
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    public async Task<IReadOnlyList<string>> ListBackupVolumesAsync(string storage) =>
        await GetAsync($"/nodes/{node}/storage/{storage}/content", new Dictionary<string, string> { ["content"] = "backup" }) is JsonArray rows
            ? [.. rows.Select(r => PveshJson.Str(r, "volid") ?? "")]
            : [];

    private async Task<JsonNode?> GetAsync(string path, IReadOnlyDictionary<string, string>? parameters = null)
    {
        try
        {
            return await cluster.CallAsync(ApiRequest.Get(path, parameters));
        }
        catch (PveApiException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
