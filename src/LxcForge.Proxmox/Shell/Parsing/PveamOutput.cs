using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>Reads <c>pveam list</c> and <c>pveam available</c>.</summary>
public static class PveamOutput
{
    private const long MiB = 1024 * 1024;

    /// <summary><c>pveam list STORAGE</c>: a <c>NAME SIZE</c> header, then <c>volid  123.46MB</c> rows.</summary>
    public static IReadOnlyList<OsTemplateInfo> ParseList(string text)
    {
        var result = new List<OsTemplateInfo>();
        foreach (var line in CliFailure.Lines(text))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !fields[0].Contains(':', StringComparison.Ordinal))
                continue; // the header, or noise
            var volid = fields[0];
            var size =
                fields[1].EndsWith("MB", StringComparison.Ordinal)
                && double.TryParse(fields[1][..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var mb)
                    ? (long)Math.Round(mb * MiB)
                    : 0;
            result.Add(new OsTemplateInfo(volid, TemplateName(volid), size));
        }

        return result;
    }

    /// <summary><c>pveam available</c>: <c>section  template [arch]</c> per line; the template is the second field.</summary>
    public static IReadOnlyList<string> ParseAvailable(string text) =>
        [.. CliFailure.Lines(text).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 2).Select(f => f[1])];

    /// <summary><c>local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst</c> → <c>debian-12-standard_12.12-1_amd64.tar.zst</c>.</summary>
    public static string TemplateName(string volid)
    {
        var afterStorage = volid[(volid.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return afterStorage.StartsWith("vztmpl/", StringComparison.Ordinal) ? afterStorage["vztmpl/".Length..] : afterStorage;
    }
}
