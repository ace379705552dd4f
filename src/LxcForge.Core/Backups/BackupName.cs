using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Core.Backups;

/// <summary>
/// vzdump's archive names, <c>vzdump-lxc-200-2026_11_28-10_00_00.tar.zst</c>: the one place that writes and reads them
/// (every backend and the simulator), so the backup catalogue can be rebuilt from the storage's content alone.
/// Accepts a bare file name, a path or a volume id (<c>local:backup/vzdump-lxc-…</c>).
/// </summary>
public static partial class BackupName
{
    private const string TimeFormat = "yyyy_MM_dd-HH_mm_ss";

    [GeneratedRegex(@"(?:^|[/:])vzdump-lxc-(\d+)-(\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2})\.(tar|tgz|tar\.gz|tar\.lzo|tar\.zst)$")]
    private static partial Regex Pattern();

    /// <summary>The archive name vzdump gives a backup of <paramref name="vmid"/> started at <paramref name="at"/> (UTC).</summary>
    /// <param name="extension">With its dot: <c>.tar</c>, <c>.tar.gz</c>, <c>.tar.lzo</c> or <c>.tar.zst</c>.</param>
    public static string Format(int vmid, DateTimeOffset at, string extension) =>
        $"vzdump-lxc-{vmid}-{at.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)}{extension}";

    public static bool TryParse(string volumeIdOrFile, out int vmid, out DateTimeOffset createdAt)
    {
        var m = Pattern().Match(volumeIdOrFile);
        if (
            m.Success
            && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out vmid)
            && DateTime.TryParseExact(
                m.Groups[2].Value,
                TimeFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var at
            )
        )
        {
            createdAt = new DateTimeOffset(at, TimeSpan.Zero);
            return true;
        }

        vmid = 0;
        createdAt = default;
        return false;
    }

    /// <summary>The container id in an archive name, or null when it is not one.</summary>
    public static int? Vmid(string volumeIdOrFile) => TryParse(volumeIdOrFile, out var vmid, out _) ? vmid : null;

    /// <summary>The (UTC) time in an archive name, or null when it is not one.</summary>
    public static DateTimeOffset? CreatedAt(string volumeIdOrFile) => TryParse(volumeIdOrFile, out _, out var at) ? at : null;
}
