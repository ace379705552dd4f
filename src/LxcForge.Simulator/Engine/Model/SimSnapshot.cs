namespace LxcForge.Simulator.Engine.Model;

/// <summary>A container snapshot: the config at that moment and a copy of the sandbox.</summary>
internal sealed class SimSnapshot
{
    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public long Snaptime { get; set; }

    public string? Parent { get; set; }

    public SortedDictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);
}
