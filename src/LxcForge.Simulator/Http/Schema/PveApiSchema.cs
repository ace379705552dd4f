using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LxcForge.Simulator.Http.Schema;

/// <summary>
/// The API routes the simulator serves and their parameter facts, loaded from the embedded
/// <c>pve-lxc-schema.json</c> (derived from the official schema by <c>scripts/gen-sim-schema.py</c>).
/// </summary>
public sealed class PveApiSchema
{
    private const string ResourceName = "LxcForge.Simulator.Http.Schema.pve-lxc-schema.json";
    private static readonly Lazy<PveApiSchema> Embedded = new(LoadEmbedded);

    private PveApiSchema(IReadOnlyList<EndpointSchema> endpoints, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ParameterSchema>> propertyStrings)
    {
        Endpoints = endpoints;
        PropertyStrings = propertyStrings;
    }

    /// <summary>The schema shipped with the simulator.</summary>
    public static PveApiSchema Default => Embedded.Value;

    public IReadOnlyList<EndpointSchema> Endpoints { get; }

    /// <summary>Property-string formats by parameter name (<c>net[n]</c>, <c>rootfs</c>, …): their keys.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ParameterSchema>> PropertyStrings { get; }

    /// <summary>
    /// Finds the endpoint for <paramref name="method"/> on <paramref name="path"/> (no <c>/api2/json</c>)
    /// and fills <paramref name="pathParameters"/>; null when the schema has no such method there.
    /// </summary>
    public EndpointSchema? Match(string method, string path, Dictionary<string, string> pathParameters)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var endpoint in Endpoints)
        {
            if (endpoint.Segments.Length != segments.Length || !string.Equals(endpoint.Method, method, StringComparison.Ordinal))
                continue;
            pathParameters.Clear();
            if (Matches(endpoint.Segments, segments, pathParameters))
                return endpoint;
        }
        pathParameters.Clear();
        return null;
    }

    private static bool Matches(string[] template, string[] segments, Dictionary<string, string> pathParameters)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (t.Length > 2 && t[0] == '{' && t[^1] == '}')
                pathParameters[t[1..^1]] = Uri.UnescapeDataString(segments[i]);
            else if (!string.Equals(t, segments[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    private static PveApiSchema LoadEmbedded()
    {
        using var stream = typeof(PveApiSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var endpoints = root.GetProperty("endpoints")
            .EnumerateArray()
            .Select(e => new EndpointSchema(
                e.GetProperty("method").GetString()!,
                e.GetProperty("path").GetString()!,
                e.GetProperty("allowtoken").GetBoolean(),
                e.GetProperty("parameters").EnumerateObject().Select(p => ReadParameter(p.Name, p.Value))
            ))
            .ToList();
        var formats = root.GetProperty("propertyStrings")
            .EnumerateObject()
            .ToDictionary(
                f => f.Name,
                f =>
                    (IReadOnlyDictionary<string, ParameterSchema>)
                        f.Value.EnumerateObject().ToDictionary(k => k.Name, k => ReadParameter(k.Name, k.Value), StringComparer.Ordinal),
                StringComparer.Ordinal
            );
        return new PveApiSchema(endpoints, formats);
    }

    private static ParameterSchema ReadParameter(string name, JsonElement p)
    {
        string? Str(string key) => p.TryGetProperty(key, out var v) ? v.GetString() : null;
        decimal? Num(string key) => p.TryGetProperty(key, out var v) ? v.GetDecimal() : null;
        int? Int(string key) => p.TryGetProperty(key, out var v) ? v.GetInt32() : null;
        bool Flag(string key) => p.TryGetProperty(key, out var v) && v.GetBoolean();
        var pattern = Str("pattern");
        return new ParameterSchema
        {
            Name = name,
            Type = Str("type") ?? "string",
            Optional = Flag("optional"),
            Format = Str("format"),
            PropertyString = Str("propertyString"),
            // Perl matches m/^$pattern$/: anchor the whole value.
            Pattern = pattern is null ? null : new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant),
            MinLength = Int("minLength"),
            MaxLength = Int("maxLength"),
            Minimum = Num("minimum"),
            Maximum = Num("maximum"),
            Enum = p.TryGetProperty("enum", out var e)
                ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToList()
                : null,
            Requires = Str("requires"),
            Indexed = Int("indexed") ?? 0,
            DefaultKey = Flag("default_key"),
        };
    }

    internal static string FormatNumber(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
