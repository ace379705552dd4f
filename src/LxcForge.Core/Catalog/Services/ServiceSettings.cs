using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Core.Catalog.Services;

/// <summary>One key a service's <c>settings:</c> may hold, and the shape its value must have.</summary>
/// <param name="Check">The value's problem, or null when it is fine.</param>
public sealed record SettingRule(string Key, string Meaning, Func<string, string?> Check);

/// <summary>
/// Which <c>settings:</c> keys each kind of service reads, and what each value must look like. <c>validate</c>
/// checks a spec against these before anything runs; the recipes use the same checks, so a value that
/// reaches a script has the shape its rule allows (and is quoted there all the same).
/// </summary>
public static partial class ServiceSettings
{
    /// <summary>Every service may name extra ports where it serves metrics: Prometheus scrapes them.</summary>
    public static SettingRule Metrics { get; } = new("metrics", "extra ports Prometheus scrapes, e.g. 9100,9187", PortList);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<SettingRule>> Own = new Dictionary<string, IReadOnlyList<SettingRule>>(
        StringComparer.Ordinal
    )
    {
        ["postgresql"] = [new("database", "the application database's name", SqlIdentifier), new("user", "the application role's name", SqlIdentifier)],
        ["gitea"] = [new("config", "the app.ini to edit", AbsolutePath)],
        ["prometheus"] = [new("config", "the prometheus.yml to write", AbsolutePath)],
    };

    /// <summary>The keys a service of catalogue key <paramref name="catalogKey"/> reads (null: a custom service).</summary>
    public static IReadOnlyList<SettingRule> For(string? catalogKey) =>
        [.. catalogKey is not null && Own.TryGetValue(catalogKey, out var own) ? own : [], Metrics];

    /// <summary>Lower-case letters, digits and underscore, starting with a letter or underscore, at most 63 (PostgreSQL's NAMEDATALEN − 1).</summary>
    public static string? SqlIdentifier(string value) =>
        SqlIdentifierPattern().IsMatch(value) ? null : $"'{value}' must match [a-z_][a-z0-9_]* (at most 63 characters)";

    /// <summary>An absolute, normalised path: starts with '/', no '.', '..' or empty segments, only [A-Za-z0-9._+@-] in names.</summary>
    public static string? AbsolutePath(string value)
    {
        if (!value.StartsWith('/') || value.Length == 1)
            return $"'{Printable(value)}' is not an absolute path (e.g. /etc/gitea/app.ini)";
        if (value.Length > 4096 || !PathPattern().IsMatch(value))
            return $"'{Printable(value)}' may hold only letters, digits and . _ + @ - in its names, separated by single '/'";
        if (value.Split('/').Skip(1).Any(s => s is "." or ".."))
            return $"'{Printable(value)}' is not normalised: no '.' or '..' segments";
        return value.EndsWith('/') ? $"'{Printable(value)}' names a directory; give the file" : null;
    }

    /// <summary>A comma-separated list of TCP ports.</summary>
    public static string? PortList(string value) =>
        value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(p =>
                !(p.All(char.IsAsciiDigit) && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            )
            is { } bad
            ? $"'{Printable(bad)}' is not a TCP port (1-65535); give ports separated by commas, e.g. 9100,9187"
            : null;

    /// <summary>A value as it may be shown in a message: control characters escaped, so a newline cannot forge a line.</summary>
    public static string Printable(string value) => string.Concat(value.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SqlIdentifierPattern();

    [GeneratedRegex("^(/[A-Za-z0-9._+@-]+)+/?$")]
    private static partial Regex PathPattern();
}
