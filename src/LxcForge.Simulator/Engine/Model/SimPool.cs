namespace LxcForge.Simulator.Engine.Model;

/// <summary>A resource pool: its id and comment (members are not modelled).</summary>
internal sealed class SimPool
{
    public string Id { get; set; } = "";
    public string? Comment { get; set; }
}
