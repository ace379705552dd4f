using System.Collections;
using System.Globalization;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>Request parameters as Proxmox reads them: strings, booleans as <c>1</c>/<c>0</c>; null values are left out.</summary>
public sealed class ApiParams : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public ApiParams Add(string key, string? value)
    {
        if (value is not null)
            _items.Add(new(key, value));
        return this;
    }

    public ApiParams Add(string key, bool? value) =>
        Add(
            key,
            value is null ? null
                : value.Value ? "1"
                : "0"
        );

    public ApiParams Add(string key, long? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    public ApiParams AddAll(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (k, v) in values)
            Add(k, v);
        return this;
    }

    public bool Contains(string key) => _items.Any(i => i.Key == key);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
