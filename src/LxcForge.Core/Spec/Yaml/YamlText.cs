using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Core.Spec.Yaml;

/// <summary>Formats values for hand-editable YAML: plain where safe, double-quoted otherwise.</summary>
internal static partial class YamlText
{
    private static readonly string[] Reserved = ["true", "false", "yes", "no", "y", "n", "on", "off", "null", "~", ""];

    public static string Scalar(string value)
    {
        var plain =
            PlainSafe().IsMatch(value)
            && !Reserved.Contains(value.ToLowerInvariant())
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return plain ? value : Quote(value);
    }

    public static string Scalar(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Scalar(bool value) => value ? "true" : "false";

    public static string Flow(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Scalar)) + "]";

    public static string Flow(IEnumerable<int> values) => "[" + string.Join(", ", values.Select(Scalar)) + "]";

    private static string Quote(string value)
    {
        var escaped = value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t");
        return $"\"{escaped}\"";
    }

    // Letters, digits and a few punctuation marks that never start YAML syntax; no ": " or " #".
    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_/.+=@-]*$")]
    private static partial Regex PlainSafe();
}
