using System.Globalization;

namespace LxcForge.Proxmox.Api.Tasks;

/// <summary>
/// A Proxmox task id: <c>UPID:node:pid:pstart:starttime:type:id:user:</c>, with pid, pstart and starttime in
/// hex (pstart may have 9 digits), the trailing colon included, and a user that may be a token id
/// (docs/proxmox-behaviour.md#tasks-and-upids).
/// </summary>
public sealed record Upid(string Value, string Node, int Pid, long ProcessStart, DateTimeOffset StartTime, string Type, string Id, string User)
{
    public static Upid Parse(string text)
    {
        if (!TryParse(text, out var upid))
            throw new FormatException($"'{text}' is not a Proxmox task id (UPID:node:pid:pstart:starttime:type:id:user:)");
        return upid!;
    }

    public static bool TryParse(string? text, out Upid? upid)
    {
        upid = null;
        if (text is null || !text.StartsWith("UPID:", StringComparison.Ordinal) || !text.EndsWith(':'))
            return false;
        var parts = text.Split(':');
        // "UPID", node, pid, pstart, starttime, type, id, user..., "" — a user never holds a colon, but be lenient.
        if (parts.Length < 9 || parts[1].Length == 0 || parts[5].Length == 0)
            return false;
        if (
            !int.TryParse(parts[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pstart)
            || !long.TryParse(parts[4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
        )
            return false;
        var user = string.Join(':', parts[7..^1]);
        if (user.Length == 0)
            return false;
        upid = new Upid(text, parts[1], pid, pstart, DateTimeOffset.FromUnixTimeSeconds(start), parts[5], parts[6], user);
        return true;
    }

    /// <summary>The container the task concerns, when its id is a vmid (for a clone it is the source).</summary>
    public int? Vmid => int.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public override string ToString() => Value;
}
