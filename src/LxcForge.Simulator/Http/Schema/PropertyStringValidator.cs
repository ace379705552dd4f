namespace LxcForge.Simulator.Http.Schema;

/// <summary>
/// Parses a property string (<c>name=eth0,bridge=vmbr2,ip=10.0.30.10/24</c>) against its format's keys
/// as <c>parse_property_string</c> does, and returns the error text Proxmox puts after
/// <c>invalid format - </c>, or null when the value is valid.
/// </summary>
internal static class PropertyStringValidator
{
    public static string? Check(string path, string value, IReadOnlyDictionary<string, ParameterSchema> keys, PveApiSchema schema)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        string? defaultKey = null;
        foreach (var part in value.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
                continue;
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < part.Length - 1)
            {
                var key = part[..eq];
                if (parsed.ContainsKey(key))
                    return $"duplicate key in comma-separated list property: {key}\n";
                if (!keys.TryGetValue(key, out var keySchema))
                    return $"invalid key in comma-separated list property: {key}\n";
                parsed[key] = keySchema.Type == "boolean" ? ParseBoolean(part[(eq + 1)..]) : part[(eq + 1)..];
            }
            else if (eq < 0)
            {
                if (defaultKey is not null)
                    return $"duplicate key in comma-separated list property: {defaultKey}\n";
                defaultKey = keys.Values.FirstOrDefault(k => k.DefaultKey)?.Name;
                if (defaultKey is null)
                    return "value without key, but schema does not define a default key\n";
                if (parsed.ContainsKey(defaultKey))
                    return $"duplicate key in comma-separated list property: {defaultKey}\n";
                parsed[defaultKey] = part;
            }
            else
            {
                return "missing key in comma-separated list property\n";
            }
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keySchema in keys.Values)
        {
            var keyPath = path + "." + keySchema.Name;
            if (parsed.TryGetValue(keySchema.Name, out var keyValue))
                ParameterValidator.CheckValue(keyPath, keyValue, keySchema, schema, errors);
            else if (!keySchema.Optional)
                ParameterValidator.AddError(errors, keyPath, "property is missing and it is not optional");
        }
        if (errors.Count == 0)
            return null;
        // PVE::Exception stringifies as "format error\n" plus one "path: message" line per error.
        return "format error\n" + string.Concat(errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}\n"));
    }

    private static string ParseBoolean(string value) =>
        value.ToLowerInvariant() switch
        {
            "1" or "on" or "yes" or "true" => "1",
            "0" or "off" or "no" or "false" => "0",
            _ => value,
        };
}
