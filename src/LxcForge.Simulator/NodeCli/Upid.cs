using System.Globalization;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli;

/// <summary>Reads the fields of a UPID: <c>UPID:&lt;node&gt;:&lt;pid&gt;:&lt;pstart&gt;:&lt;starttime&gt;:&lt;type&gt;:&lt;id&gt;:&lt;user&gt;:</c>.</summary>
internal static class Upid
{
    public static bool IsUpid(string? text) => text is not null && text.StartsWith("UPID:", StringComparison.Ordinal) && text.Split(':').Length >= 9;

    public static string Node(string upid) => Field(upid, 1);

    public static long StartTime(string upid) =>
        long.TryParse(Field(upid, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private static string Field(string upid, int index)
    {
        var fields = upid.Split(':');
        return fields.Length > index && fields[0] == "UPID" ? fields[index] : throw new CliDieException($"unable to parse worker upid '{upid}'");
    }
}
