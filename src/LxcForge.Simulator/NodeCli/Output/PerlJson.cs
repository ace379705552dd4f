using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.NodeCli.Output;

/// <summary>JSON as the Perl tools print it: keys sorted (canonical), compact or JSON::XS's pretty form (3 spaces, <c>" : "</c>).</summary>
internal static class PerlJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Compact) ?? "null";

    public static string Pretty(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, Sorted(node), 0);
        return builder.Append('\n').ToString();
    }

    private static JsonNode? Sorted(JsonNode? node) =>
        node switch
        {
            JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
            null => null,
            _ => node.DeepClone(),
        };

    private static void Write(StringBuilder builder, JsonNode? node, int depth)
    {
        var indent = new string(' ', 3 * (depth + 1));
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                builder.Append("{\n");
                builder.AppendJoin(
                    ",\n",
                    obj.Select(p =>
                    {
                        var item = new StringBuilder(indent).Append(JsonValue.Create(p.Key).ToJsonString(Compact)).Append(" : ");
                        Write(item, p.Value, depth + 1);
                        return item.ToString();
                    })
                );
                builder.Append('\n').Append(' ', 3 * depth).Append('}');
                break;
            case JsonArray array when array.Count > 0:
                builder.Append("[\n");
                builder.AppendJoin(
                    ",\n",
                    array.Select(v =>
                    {
                        var item = new StringBuilder(indent);
                        Write(item, v, depth + 1);
                        return item.ToString();
                    })
                );
                builder.Append('\n').Append(' ', 3 * depth).Append(']');
                break;
            default:
                builder.Append(node?.ToJsonString(Compact) ?? "null");
                break;
        }
    }
}
