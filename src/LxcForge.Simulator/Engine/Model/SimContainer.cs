namespace LxcForge.Simulator.Engine.Model;

/// <summary>An LXC container: its config in Proxmox's canonical form, pending changes, snapshots and run state.</summary>
internal sealed class SimContainer
{
    public required int Vmid { get; set; }

    public required string Node { get; set; }

    public SortedDictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Changes staged for the next start (<c>[pending]</c>).</summary>
    public SortedDictionary<string, string> Pending { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keys to delete at the next start.</summary>
    public SortedSet<string> PendingDelete { get; set; } = new(StringComparer.Ordinal);

    public List<SimSnapshot> Snapshots { get; set; } = [];

    /// <summary>The snapshot the current state descends from.</summary>
    public string? Parent { get; set; }

    public bool Running { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the network inside comes up (start + the model's network delay).</summary>
    public DateTimeOffset? NetworkUpAt { get; set; }

    public string? Lock => Config.GetValueOrDefault("lock");

    public bool IsTemplate => Config.GetValueOrDefault("template") == "1";

    public string Name => (Config.GetValueOrDefault("hostname") ?? $"CT{Vmid}").Replace(" ", "", StringComparison.Ordinal);

    /// <summary>rootfs and mpN, the keys that hold volumes.</summary>
    public IEnumerable<string> VolumeKeys =>
        Config.Keys.Where(k => k == "rootfs" || (k.StartsWith("mp", StringComparison.Ordinal) && k[2..].All(char.IsAsciiDigit) && k.Length > 2));
}
