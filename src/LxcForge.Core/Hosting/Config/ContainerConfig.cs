using System.Globalization;

namespace LxcForge.Core.Hosting;

/// <summary>
/// A container's configuration as Proxmox keeps it: <c>key: value</c> pairs (sorted by key when printed),
/// with typed accessors for the keys LxcForge reads. Immutable.
/// </summary>
public sealed class ContainerConfig
{
    private readonly SortedDictionary<string, string> _values;

    public ContainerConfig(IEnumerable<KeyValuePair<string, string>> values) =>
        _values = new SortedDictionary<string, string>(values.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);

    public static ContainerConfig Empty { get; } = new([]);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string key] => _values.GetValueOrDefault(key);

    public string? Hostname => this["hostname"];
    public string? Description => this["description"];
    public string? Lock => this["lock"];
    public bool IsTemplate => this["template"] == "1";
    public int? Memory => Int("memory");
    public int? Swap => Int("swap");
    public int? Cores => Int("cores");
    public bool Unprivileged => this["unprivileged"] == "1";
    public bool OnBoot => this["onboot"] == "1";
    public bool Protection => this["protection"] == "1";
    public string? Startup => this["startup"];
    public string? Nameserver => this["nameserver"];
    public string? SearchDomain => this["searchdomain"];
    public string? Digest => this["digest"];

    /// <summary>Tags as Proxmox stores them: separated by <c>;</c> (also accepts , and space).</summary>
    public IReadOnlyList<string> Tags => ParseTags(this["tags"]);

    public ContainerFeatures Features => ContainerFeatures.Parse(this["features"]);

    public VolumeSpec? RootFs => this["rootfs"] is { } r ? VolumeSpec.Parse(r) : null;

    public NetworkInterface? Net(int index) => this[$"net{index}"] is { } n ? NetworkInterface.Parse(n) : null;

    public ContainerConfig With(string key, string? value)
    {
        var copy = new Dictionary<string, string>(_values);
        if (value is null)
            copy.Remove(key);
        else
            copy[key] = value;
        return new ContainerConfig(copy);
    }

    public static IReadOnlyList<string> ParseTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The <c>pct config</c> form: sorted <c>key: value</c> lines, description URI-escaped onto one line.</summary>
    public string ToPctText()
    {
        var lines = _values
            .Where(kv => kv.Key != "digest" && !kv.Key.StartsWith("lxc.", StringComparison.Ordinal))
            .Select(kv => kv.Key == "description" ? $"description: {EscapeDescription(kv.Value)}" : $"{kv.Key}: {kv.Value}")
            .Concat(_values.Where(kv => kv.Key.StartsWith("lxc.", StringComparison.Ordinal)).Select(kv => $"{kv.Key}: {kv.Value}"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Reads <c>pct config</c> output.</summary>
    public static ContainerConfig ParsePctText(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in text.Split('\n'))
        {
            var idx = line.IndexOf(": ", StringComparison.Ordinal);
            if (idx <= 0)
                continue;
            var key = line[..idx].Trim();
            var value = line[(idx + 2)..].TrimEnd('\r');
            values[key] = key == "description" ? Uri.UnescapeDataString(value) : value;
        }

        return new ContainerConfig(values);
    }

    private static string EscapeDescription(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);

    private int? Int(string key) => this[key] is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
