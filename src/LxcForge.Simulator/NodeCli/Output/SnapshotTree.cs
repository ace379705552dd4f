using System.Globalization;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.NodeCli.Output;

/// <summary>
/// <c>pct listsnapshot</c>'s tree: <c>`-></c> plus the name padded to (30 − prefix length), the time
/// padded to 23 and the first description line; each child level adds a leading space, and
/// <c>current</c> (no time) sorts last. Times are the node's local time, which is UTC in the simulator.
/// </summary>
internal static class SnapshotTree
{
    public static IEnumerable<string> Lines(JsonArray snapshots)
    {
        var byName = snapshots
            .OfType<JsonNode>()
            .Where(s => PerlText.Of(s["name"]) is not null)
            .GroupBy(s => PerlText.Of(s["name"])!)
            .ToDictionary(g => g.Key, g => g.First());
        var children = new Dictionary<string, List<string>>();
        var roots = new List<string>();
        foreach (var (name, snapshot) in byName)
        {
            if (PerlText.Of(snapshot["parent"]) is { } parent && byName.ContainsKey(parent))
            {
                if (!children.TryGetValue(parent, out var list))
                    children[parent] = list = [];
                list.Add(name);
            }
            else
            {
                roots.Add(name);
            }
        }

        var lines = new List<string>();
        foreach (var root in BySnapTime(roots, byName))
            Walk("`->", root, byName, children, lines);
        return lines;
    }

    private static void Walk(string prefix, string name, Dictionary<string, JsonNode> byName, Dictionary<string, List<string>> children, List<string> lines)
    {
        var snapshot = byName[name];
        var description = PerlText.Of(snapshot["description"]) is { Length: > 0 } text ? text.Split('\n')[0] : "no-description";
        var time = snapshot["snaptime"] is { } snaptime
            ? DateTimeOffset.FromUnixTimeSeconds((long)PerlText.Number(snaptime)).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "";
        var width = Math.Max(30 - prefix.Length, 0);
        lines.Add($"{prefix} {PerlText.Left(name, width)} {PerlText.Left(time, 23)} {description}");
        if (children.TryGetValue(name, out var kids))
        {
            foreach (var child in BySnapTime(kids, byName))
                Walk(" " + prefix, child, byName, children, lines);
        }
    }

    private static IEnumerable<string> BySnapTime(IEnumerable<string> names, Dictionary<string, JsonNode> byName) =>
        names.OrderBy(n => byName[n]["snaptime"] is null ? 1 : 0).ThenBy(n => PerlText.Number(byName[n]["snaptime"])).ThenBy(n => n, StringComparer.Ordinal);
}
