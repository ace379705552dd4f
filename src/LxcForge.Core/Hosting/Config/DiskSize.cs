using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Core.Hosting;

/// <summary>
/// Proxmox disk sizes: binary units K/M/G/T, a bare number is bytes, a leading <c>+</c> means "grow by".
/// Printed in the largest exact unit, or in bytes when no unit is exact (docs/proxmox-behaviour.md#sizes).
/// </summary>
public static partial class DiskSize
{
    private const long Kib = 1024;

    [GeneratedRegex(@"^(\+)?(\d+(?:\.\d+)?)([KMGT])?$")]
    private static partial Regex SizePattern();

    /// <summary>Parses <c>8G</c>, <c>+10G</c>, <c>512M</c>, <c>1073741824</c>.</summary>
    public static (bool Relative, long Bytes) Parse(string text)
    {
        var m = SizePattern().Match(text.Trim());
        if (!m.Success)
            throw new FormatException($"'{text}' is not a disk size (expected [+]N[K|M|G|T], e.g. 8G or +10G)");
        var number = decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var factor = m.Groups[3].Value switch
        {
            "K" => Kib,
            "M" => Kib * Kib,
            "G" => Kib * Kib * Kib,
            "T" => Kib * Kib * Kib * Kib,
            _ => 1L,
        };
        return (m.Groups[1].Success, (long)(number * factor));
    }

    public static bool TryParse(string text, out bool relative, out long bytes)
    {
        try
        {
            (relative, bytes) = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            (relative, bytes) = (false, 0);
            return false;
        }
    }

    /// <summary>Absolute sizes only: <c>8G</c> → 8 GiB in bytes.</summary>
    public static long ParseBytes(string text)
    {
        var (relative, bytes) = Parse(text);
        if (relative)
            throw new FormatException($"'{text}' is relative; an absolute size is needed here");
        return bytes;
    }

    /// <summary>Formats as Proxmox prints it: <c>8G</c>, <c>1536M</c>, or bytes when not exact.</summary>
    public static string Format(long bytes)
    {
        foreach (var (unit, factor) in new[] { ("T", Kib * Kib * Kib * Kib), ("G", Kib * Kib * Kib), ("M", Kib * Kib), ("K", Kib) })
        {
            if (bytes >= factor && bytes % factor == 0)
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + unit;
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    public static long GiB(double n) => (long)(n * Kib * Kib * Kib);
}
