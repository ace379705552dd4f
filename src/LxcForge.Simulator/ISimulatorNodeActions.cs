namespace LxcForge.Simulator;

/// <summary>
/// What the node tools do locally, outside the REST API (the real tools edit the node's files directly):
/// <c>pct unlock</c>. A simulator that supports it implements this beside <see cref="IPveApi"/>.
/// </summary>
public interface ISimulatorNodeActions
{
    /// <summary>Removes the config lock of <paramref name="vmid"/> on <paramref name="node"/> (whatever its value).</summary>
    Task UnlockAsync(string node, int vmid, CancellationToken cancellationToken = default);
}
