using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>Reads vzdump's log lines: the archive it wrote and its size (its name is read by <see cref="Core.Backups.BackupName"/>).</summary>
public static partial class VzdumpLog
{
    /// <summary>The archive vzdump wrote, e.g. <c>/var/lib/vz/dump/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst</c>, or null.</summary>
    public static string? ArchivePath(string log) => CreatingArchive().Match(log) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The size from <c>INFO: archive file size: 512M</c> (binary units), or null.</summary>
    public static long? ArchiveSize(string log)
    {
        var m = ArchiveSizeLine().Match(log);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            return null;
        var unit = m.Groups[2].Value.ToUpperInvariant();
        var factor = unit switch
        {
            "K" => 1L << 10,
            "M" => 1L << 20,
            "G" => 1L << 30,
            "T" => 1L << 40,
            _ => 1L,
        };
        return (long)Math.Round(n * factor);
    }

    [GeneratedRegex(@"creating (?:vzdump )?archive '([^']+)'")]
    private static partial Regex CreatingArchive();

    [GeneratedRegex(@"archive file size: ([\d.]+)\s*([KMGT]?)i?B?", RegexOptions.IgnoreCase)]
    private static partial Regex ArchiveSizeLine();
}
