using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Core.Backups;

/// <summary>
/// Reads vzdump's archive names, <c>vzdump-lxc-200-2026_11_28-10_00_00.tar.zst</c>, so the backup
/// catalogue can be rebuilt from the storage's content alone (it survives losing local state).
/// </summary>
public static partial class BackupName
{
    [GeneratedRegex(@"vzdump-lxc-(\d+)-(\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2})\.(tar|tgz|tar\.gz|tar\.lzo|tar\.zst)$")]
    private static partial Regex Pattern();

    public static bool TryParse(string volumeIdOrFile, out int vmid, out DateTimeOffset createdAt)
    {
        var m = Pattern().Match(volumeIdOrFile);
        if (m.Success
            && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out vmid)
            && DateTime.TryParseExact(m.Groups[2].Value, "yyyy_MM_dd-HH_mm_ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            createdAt = new DateTimeOffset(at, TimeSpan.Zero);
            return true;
        }

        vmid = 0;
        createdAt = default;
        return false;
    }
}
