using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Simulator.Engine.Model;

/// <summary>A cluster node and its local storages.</summary>
internal sealed class SimNode
{
    public required NodeProfile Profile { get; set; }

    public Dictionary<string, SimStorage> LocalStorages { get; set; } = new(StringComparer.Ordinal);

    public string Name => Profile.Name;
}
