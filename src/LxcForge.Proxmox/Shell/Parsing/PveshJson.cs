using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>
/// Reads <c>pvesh get … --output-format json</c>: the API's <c>data</c>, printed as JSON. Proxmox prints numbers
/// and booleans (0/1) as numbers, but some fields come as strings; these readers accept both.
/// </summary>
public static class PveshJson
{
    public static JsonArray Array(string stdout, string what)
    {
        try
        {
            return JsonNode.Parse(stdout) as JsonArray ?? throw new FormatException("not a JSON array");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new HostException(HostErrorKind.InvalidRequest, $"unexpected output from pvesh for {what}: {e.Message}");
        }
    }

    public static JsonObject Object(string stdout, string what)
    {
        try
        {
            return JsonNode.Parse(stdout) as JsonObject ?? throw new FormatException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new HostException(HostErrorKind.InvalidRequest, $"unexpected output from pvesh for {what}: {e.Message}");
        }
    }

    public static string? Str(JsonNode? node, string key) =>
        node?[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => other.ToJsonString(),
        };

    public static long Long(JsonNode? node, string key)
    {
        var text = Str(node, key);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            return l;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : 0;
    }

    public static bool Bool(JsonNode? node, string key, bool fallback = false) =>
        node?[key] switch
        {
            null => fallback,
            JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
            _ => Long(node, key) != 0 || Str(node, key) is "true" or "on" or "yes",
        };

    /// <summary>A config object (<c>pvesh get /nodes/N/lxc/V/config</c>) as <c>key → text</c>.</summary>
    public static ContainerConfig Config(JsonObject obj) => new(obj.Select(kv => new KeyValuePair<string, string>(kv.Key, Str(obj, kv.Key) ?? "")));
}
