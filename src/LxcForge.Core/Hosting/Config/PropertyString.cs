using System.Text;

namespace LxcForge.Core.Hosting;

/// <summary>
/// A parsed Proxmox property string such as <c>name=eth0,bridge=vmbr2,ip=10.0.30.10/24</c>
/// or <c>local-lvm:vm-200-disk-0,size=8G</c>. Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class PropertyString : IEquatable<PropertyString>
{
    private readonly SortedDictionary<string, string> _values;

    private PropertyString(PropertyFormat format, SortedDictionary<string, string> values)
    {
        Format = format;
        _values = values;
    }

    public PropertyFormat Format { get; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string key] => _values.GetValueOrDefault(key);

    public static PropertyString Empty(PropertyFormat format) => new(format, new SortedDictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Parses a property string; throws <see cref="FormatException"/> naming the offending part.</summary>
    public static PropertyString Parse(string text, PropertyFormat format)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawPart in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = rawPart.Trim();
            var eq = part.IndexOf('=');
            string key,
                value;
            if (eq < 0)
            {
                if (format.DefaultKey is null || values.ContainsKey(format.DefaultKey))
                    throw new FormatException($"{format.Name}: '{part}' is not of the form key=value");
                key = format.DefaultKey;
                value = part;
            }
            else
            {
                key = part[..eq];
                value = part[(eq + 1)..];
            }

            if (!format.KnownKeys.Contains(key))
                throw new FormatException($"{format.Name}: unknown key '{key}'");
            if (!values.TryAdd(key, value))
                throw new FormatException($"{format.Name}: duplicate key '{key}'");
        }

        foreach (var required in format.RequiredKeys)
        {
            if (!values.ContainsKey(required))
                throw new FormatException($"{format.Name}: missing required key '{required}'");
        }

        return new PropertyString(format, values);
    }

    public static bool TryParse(string text, PropertyFormat format, out PropertyString? result)
    {
        try
        {
            result = Parse(text, format);
            return true;
        }
        catch (FormatException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>A copy with <paramref name="key"/> set, or removed when <paramref name="value"/> is null.</summary>
    public PropertyString With(string key, string? value)
    {
        var copy = new SortedDictionary<string, string>(_values, StringComparer.Ordinal);
        if (value is null)
            copy.Remove(key);
        else
            copy[key] = value;
        return new PropertyString(Format, copy);
    }

    /// <summary>Canonical text: default key bare, then required keys sorted, then optional keys sorted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        void Append(string text)
        {
            if (sb.Length > 0)
                sb.Append(',');
            sb.Append(text);
        }

        if (Format.DefaultKey is { } dk && _values.TryGetValue(dk, out var dv))
            Append(dv);
        foreach (var (k, v) in _values.Where(p => Format.RequiredKeys.Contains(p.Key) && p.Key != Format.DefaultKey))
            Append($"{k}={v}");
        foreach (var (k, v) in _values.Where(p => !Format.RequiredKeys.Contains(p.Key) && p.Key != Format.DefaultKey))
            Append($"{k}={v}");
        return sb.ToString();
    }

    public bool Equals(PropertyString? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is PropertyString other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>Proxmox's boolean spellings: 1|0|on|off|yes|no|true|false, any case.</summary>
    public static bool? ParseBool(string? value) =>
        value?.ToLowerInvariant() switch
        {
            null => null,
            "1" or "on" or "yes" or "true" => true,
            "0" or "off" or "no" or "false" => false,
            _ => throw new FormatException($"'{value}' is not a boolean (1|0|on|off|yes|no|true|false)"),
        };
}
