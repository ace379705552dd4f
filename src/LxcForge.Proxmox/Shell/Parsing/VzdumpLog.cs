using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>Reads vzdump's log lines: the archive it wrote, its size, and the time in its file name.</summary>
public static partial class VzdumpLog
{
    /// <summary>The archive vzdump wrote, e.g. <c>/var/lib/vz/dump/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst</c>, or null.</summary>
    public static string? ArchivePath(string log) =>
        CreatingArchive().Match(log) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The size from <c>INFO: archive file size: 512M</c> (binary units), or null.</summary>
    public static long? ArchiveSize(string log)
    {
        var m = ArchiveSizeLine().Match(log);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            return null;
        var unit = m.Groups[2].Value.ToUpperInvariant();
        var factor = unit switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, "T" => 1L << 40, _ => 1L };
        return (long)Math.Round(n * factor);
    }

    /// <summary>The time in a vzdump file name (<c>vzdump-lxc-200-2026_11_28-10_00_00…</c>), read as UTC; null when absent.</summary>
    public static DateTimeOffset? TimeFromFileName(string fileName)
    {
        var m = FileNameTime().Match(fileName);
        return m.Success && DateTime.TryParseExact(m.Groups[1].Value, "yyyy_MM_dd-HH_mm_ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;
    }

    /// <summary>The vmid in a vzdump file name, or null.</summary>
    public static int? VmidFromFileName(string fileName)
    {
        var m = FileNameVmid().Match(fileName);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"creating (?:vzdump )?archive '([^']+)'")]
    private static partial Regex CreatingArchive();

    [GeneratedRegex(@"archive file size: ([\d.]+)\s*([KMGT]?)i?B?", RegexOptions.IgnoreCase)]
    private static partial Regex ArchiveSizeLine();

    [GeneratedRegex(@"vzdump-lxc-\d+-(\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d)")]
    private static partial Regex FileNameTime();

    [GeneratedRegex(@"vzdump-lxc-(\d+)-")]
    private static partial Regex FileNameVmid();
}
