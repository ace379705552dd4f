using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.NodeCli.Output;

/// <summary>How the Perl tools turn API values into text.</summary>
internal static class PerlText
{
    /// <summary>A scalar as Perl prints it: strings as they are, booleans as 1/0, numbers as written; null for undef.</summary>
    public static string? Of(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == JsonValueKind.True => "1",
            JsonValue value when value.GetValueKind() == JsonValueKind.False => "0",
            JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
            JsonValue value => value.ToJsonString(),
            _ => node.ToJsonString(),
        };

    /// <summary>Whether a node is a scalar (not an object or array).</summary>
    public static bool IsScalar(JsonNode? node) => node is JsonValue;

    /// <summary>A numeric field (a number or a numeric string), or 0 when absent.</summary>
    public static double Number(JsonNode? node) =>
        node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => double.Parse(
                value.ToJsonString(),
                NumberStyles.Float,
                CultureInfo.InvariantCulture
            ),
            JsonValue value
                when value.GetValueKind() == JsonValueKind.String
                    && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValue value when value.GetValueKind() == JsonValueKind.True => 1,
            _ => 0,
        };

    /// <summary>Perl truthiness: undef, 0, "0" and "" are false.</summary>
    public static bool IsTrue(JsonNode? node) => Of(node) is { Length: > 0 } text && text != "0";

    /// <summary>
    /// <c>PVE::Tools::encode_text</c>: UTF-8 bytes outside 0x20-0x39 and 0x3b-0x7e (control characters,
    /// <c>:</c> and non-ASCII) become <c>%XX</c>, so a multi-line description prints on one line.
    /// </summary>
    public static string EncodeText(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x39 or >= 0x3b and <= 0x7e)
                builder.Append((char)b);
            else
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary><c>%-Ns</c>: left-aligned in at least <paramref name="width"/> characters.</summary>
    public static string Left(string? text, int width) => (text ?? "").PadRight(width);

    /// <summary><c>%Ns</c>: right-aligned in at least <paramref name="width"/> characters.</summary>
    public static string Right(string? text, int width) => (text ?? "").PadLeft(width);
}
