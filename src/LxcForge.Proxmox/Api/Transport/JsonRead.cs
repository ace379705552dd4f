using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>Reads Proxmox JSON, which sends numbers and booleans as numbers or as strings depending on the endpoint and version.</summary>
internal static class JsonRead
{
    public static string? Str(JsonNode? node, string key) => Text(node?[key]);

    public static string? Text(JsonNode? value) =>
        value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() is JsonValueKind.True => "1",
            JsonValue v when v.GetValueKind() is JsonValueKind.False => "0",
            JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
            _ => value.ToJsonString(),
        };

    public static long? Long(JsonNode? node, string key) =>
        Str(node, key) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : null;

    public static int? Int(JsonNode? node, string key) => Long(node, key) is { } l ? (int)l : null;

    public static bool Bool(JsonNode? node, string key) => Str(node, key) is "1" or "true";

    public static IEnumerable<JsonNode> Items(JsonNode? array) => array is JsonArray a ? a.Where(n => n is not null).Select(n => n!) : [];

    /// <summary>An object's members as strings (a container config, for example).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Members(JsonNode? obj) =>
        obj is JsonObject o ? o.Select(kv => new KeyValuePair<string, string>(kv.Key, Text(kv.Value)!)).Where(kv => kv.Value is not null) : [];
}
