using System.Globalization;
using System.Text.Json.Serialization;

namespace LxcForge.Simulator.Engine.Tasks;

/// <summary>A worker task with a real-shaped UPID, its status and its log.</summary>
internal sealed class SimTask
{
    public required string Upid { get; set; }

    public required string Node { get; set; }

    public int Pid { get; set; }

    public long PStart { get; set; }

    public long StartTime { get; set; }

    public required string Type { get; set; }

    public string Id { get; set; } = "";

    public required string User { get; set; }

    /// <summary>running or stopped.</summary>
    public string Status { get; set; } = "running";

    /// <summary>OK, <c>WARNINGS: N</c> or the error text; null while running.</summary>
    public string? ExitStatus { get; set; }

    public long? EndTime { get; set; }

    public List<string> Log { get; set; } = [];

    /// <summary>Simulated seconds (since the cluster was made) when the task started and ended: makespans for benchmarks.</summary>
    public double StartedAtSeconds { get; set; }

    public double? EndedAtSeconds { get; set; }

    [JsonIgnore]
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary><c>UPID:node:PID:PSTART:STARTTIME:type:id:user:</c> (pve-common UPID.pm).</summary>
    public static string FormatUpid(string node, int pid, long pstart, long starttime, string type, string id, string user) =>
        string.Create(CultureInfo.InvariantCulture, $"UPID:{node}:{pid:X8}:{pstart:X8}:{starttime:X8}:{type}:{id}:{user}:");

    public static bool TryParseNode(string upid, out string node)
    {
        var parts = upid.Split(':');
        node = parts.Length >= 9 && parts[0] == "UPID" ? parts[1] : "";
        return node.Length > 0;
    }
}
