using LxcForge.Simulator.Engine.Api;

namespace LxcForge.Simulator.Engine;

/// <summary>What the node tools do outside the API: <c>pct unlock</c> edits the config file directly.</summary>
public sealed partial class SimulatorCluster : ISimulatorNodeActions
{
    /// <inheritdoc />
    public Task UnlockAsync(string node, int vmid, CancellationToken cancellationToken = default)
    {
        using (Gate.Enter())
        {
            if (!State.Containers.TryGetValue(vmid, out var ct) || ct.Node != node)
                throw Pve.NoConfig(node, vmid);
            ct.Config.Remove("lock");
        }

        return Task.CompletedTask;
    }
}
