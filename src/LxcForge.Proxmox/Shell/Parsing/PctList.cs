using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>
/// Reads <c>pct list</c>: <c>printf "%-10s %-10s %-12s %-20s"</c> rows (VMID, Status, Lock, Name) under a header,
/// nothing at all when there are no CTs. Cut at columns 0/11/22/35, since Lock is often blank.
/// </summary>
public static class PctList
{
    public sealed record Row(int Vmid, ContainerStatus Status, string? Lock, string Name);

    private const int StatusColumn = 11;
    private const int LockColumn = 22;
    private const int NameColumn = 35;

    public static IReadOnlyList<Row> Parse(string text)
    {
        var rows = new List<Row>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length <= StatusColumn || !int.TryParse(Cut(line, 0, StatusColumn), NumberStyles.None, CultureInfo.InvariantCulture, out var vmid))
                continue; // the header, or a blank line
            var status = Cut(line, StatusColumn, LockColumn) == "running" ? ContainerStatus.Running : ContainerStatus.Stopped;
            var lockValue = Cut(line, LockColumn, NameColumn);
            rows.Add(new Row(vmid, status, lockValue.Length == 0 ? null : lockValue, Cut(line, NameColumn, line.Length)));
        }

        return rows;
    }

    private static string Cut(string line, int from, int to) => from >= line.Length ? "" : line[from..Math.Min(to, line.Length)].Trim();
}
