using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>
/// Reads <c>pct listsnapshot</c>: one line per snapshot, <c>`-></c> plus name, time and first description line,
/// each child level indented by one more space; <c>current</c> (not a snapshot) comes last.
/// </summary>
public static class SnapshotTree
{
    private const string Arrow = "`->";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <remarks>Times are the node's local clock and are read as UTC (the CLI prints no zone).</remarks>
    public static IReadOnlyList<SnapshotInfo> Parse(string text)
    {
        var result = new List<SnapshotInfo>();
        var path = new List<string>(); // path[d] = last name seen at depth d
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            if (arrow < 0)
                continue;
            var depth = arrow;
            var rest = line[(arrow + Arrow.Length)..].TrimStart();
            var nameEnd = rest.IndexOf(' ', StringComparison.Ordinal);
            var name = nameEnd < 0 ? rest : rest[..nameEnd];
            rest = nameEnd < 0 ? "" : rest[nameEnd..].TrimStart();

            DateTimeOffset? time = null;
            if (
                rest.Length >= TimeFormat.Length
                && DateTime.TryParseExact(
                    rest[..TimeFormat.Length],
                    TimeFormat,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                    out var t
                )
            )
            {
                time = new DateTimeOffset(t, TimeSpan.Zero);
                rest = rest[TimeFormat.Length..].Trim();
            }

            var description = rest.Trim() is "" or "no-description" ? null : rest.Trim();
            var parent = depth > 0 && depth - 1 < path.Count ? path[depth - 1] : null;
            if (path.Count > depth)
                path.RemoveRange(depth, path.Count - depth);
            path.Add(name);
            if (name != "current")
                result.Add(new SnapshotInfo(name, parent, time, description));
        }

        return result;
    }
}
