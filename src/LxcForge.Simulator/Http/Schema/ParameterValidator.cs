using System.Globalization;
using System.Text.RegularExpressions;

namespace LxcForge.Simulator.Http.Schema;

/// <summary>
/// Checks request parameters against an endpoint's schema the way <c>PVE::JSONSchema::validate</c>
/// does, producing the same per-parameter messages (the keys and texts of a 400's <c>errors</c>).
/// </summary>
public static partial class ParameterValidator
{
    public const string NotDefined = "property is not defined in schema and the schema does not allow additional properties";

    /// <summary>All errors for <paramref name="parameters"/> (path parameters included), keyed by parameter; empty when valid.</summary>
    public static Dictionary<string, string> Validate(EndpointSchema endpoint, IReadOnlyDictionary<string, string> parameters, PveApiSchema schema)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in endpoint.Parameters)
        {
            if (p.Indexed == 0 && !parameters.ContainsKey(p.Name) && !p.Optional)
                AddError(errors, p.Name, "property is missing and it is not optional");
        }
        foreach (var (name, value) in parameters)
        {
            var p = endpoint.Find(name);
            if (p is null)
            {
                AddError(errors, name, NotDefined);
                continue;
            }
            if (p.Requires is { } required && !parameters.ContainsKey(required))
                AddError(errors, required, $"missing property - '{name}' requires this property");
            CheckValue(name, value, p, schema, errors);
        }
        return errors;
    }

    /// <summary>One value against one schema (check_prop): type, format, pattern, lengths, range, enum — first failure wins.</summary>
    internal static void CheckValue(string path, string value, ParameterSchema p, PveApiSchema schema, Dictionary<string, string> errors)
    {
        if (TypeError(p.Type, value) is { } typeError)
        {
            AddError(errors, path, typeError);
            return;
        }
        if (p.Type == "array")
            return;
        if (p.PropertyString is { } formatName && schema.PropertyStrings.TryGetValue(formatName, out var keys))
        {
            if (PropertyStringValidator.Check(path, value, keys, schema) is { } formatError)
            {
                AddError(errors, path, "invalid format - " + formatError);
                return;
            }
        }
        else if (p.Format is { } format && NamedFormats.Check(format, value) is { } namedError)
        {
            AddError(errors, path, "invalid format - " + namedError + "\n");
            return;
        }
        if (p.Pattern is { } pattern && !pattern.IsMatch(value))
        {
            AddError(errors, path, "value does not match the regex pattern");
            return;
        }
        if (p.MaxLength is { } max && value.Length > max)
        {
            AddError(errors, path, $"value may only be {max} characters long");
            return;
        }
        if (p.MinLength is { } min && value.Length < min)
        {
            AddError(errors, path, $"value must be at least {min} characters long");
            return;
        }
        if (IsNumber(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (p.Maximum is { } maximum && number > maximum)
            {
                AddError(errors, path, $"value must have a maximum value of {PveApiSchema.FormatNumber(maximum)}");
                return;
            }
            if (p.Minimum is { } minimum && number < minimum)
            {
                AddError(errors, path, $"value must have a minimum value of {PveApiSchema.FormatNumber(minimum)}");
                return;
            }
        }
        if (p.Enum is { } values && !values.Contains(value, StringComparer.Ordinal))
            AddError(errors, path, $"value '{value}' does not have a value in the enumeration '{string.Join(", ", values)}'");
    }

    // The API accepts only 1 and 0 for booleans (the CLI maps on/off/yes/no first).
    private static string? TypeError(string type, string value) =>
        type switch
        {
            "boolean" when value is not ("1" or "0") => $"type check ('boolean') failed - got '{value}'",
            "integer" when !IntegerRegex().IsMatch(value) => $"type check ('integer') failed - got '{value}'",
            "number" when !IsNumber(value) => $"type check ('number') failed - got '{value}'",
            _ => null,
        };

    private static bool IsNumber(string value) => NumberRegex().IsMatch(value);

    internal static void AddError(Dictionary<string, string> errors, string path, string message) =>
        errors[path] = errors.TryGetValue(path, out var old) ? old + "\\n" + message : message;

    [GeneratedRegex(@"^[+-]?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerRegex();

    [GeneratedRegex(@"^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
