using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LxcForge.Core.Spec.Yaml;

/// <summary>
/// One YAML mapping being read: it knows its valid keys (an unknown one is reported with a did-you-mean),
/// records where each value was, and turns values into typed ones, reporting wrong types.
/// Every getter returns null when the key is absent, empty or had the wrong type.
/// </summary>
internal sealed class YamlMap
{
    private const string MergeKey = "<<";

    /// <summary>Top-level keys starting with <c>x-</c> are the user's own (e.g. anchors to merge), as in Compose files.</summary>
    private const string ExtensionPrefix = "x-";

    private readonly YamlReadContext _ctx;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private YamlMap(YamlReadContext ctx, string path, YamlMappingNode node)
    {
        _ctx = ctx;
        Path = path;
        Node = node;
    }

    public string Path { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Opens a mapping, or reports that the node is something else and returns null.</summary>
    public static YamlMap? Open(YamlReadContext ctx, YamlNode node, string path, IReadOnlyCollection<string> keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            if (!IsNull(node))
                ctx.Error(node, path, $"expected a mapping (key: value lines), got {YamlReadContext.Describe(node)}");
            return null;
        }

        ctx.Mark(path, node);
        var map = new YamlMap(ctx, path, mapping);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (name == MergeKey || (path.Length == 0 && name.StartsWith(ExtensionPrefix, StringComparison.Ordinal)))
                continue;
            if (keys.Contains(name))
            {
                map._entries[name] = (key, value);

                // A single value is located where it stands; a block (mapping, list) at its key.
                ctx.Mark(map.Child(name), value is YamlScalarNode && !IsNull(value) ? value : key);
                continue;
            }

            var hint = DidYouMean.Closest(name, keys);
            var valid = string.Join(", ", keys);
            ctx.Error(
                key,
                map.Child(name),
                hint is null ? $"unknown key '{name}'; valid keys here: {valid}" : $"unknown key '{name}' (did you mean '{hint}'?); valid keys here: {valid}"
            );
        }

        map.Merge(mapping, keys);
        return map;
    }

    /// <summary>YAML merge keys (<c>&lt;&lt;: *small</c>): the anchored mapping's keys, where this mapping does not set them.</summary>
    private void Merge(YamlMappingNode mapping, IReadOnlyCollection<string> keys)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(MergeKey), out var merged))
            return;
        var sources = merged is YamlSequenceNode list ? list.Children : [merged];
        foreach (var source in sources)
        {
            if (source is not YamlMappingNode from)
            {
                _ctx.Error(source, Child(MergeKey), $"'<<' merges a mapping (e.g. <<: *defaults), got {YamlReadContext.Describe(source)}");
                continue;
            }

            foreach (var (key, value) in from.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!keys.Contains(name))
                    _ctx.Error(key, Child(name), $"unknown key '{name}' (merged by '<<'); valid keys here: {string.Join(", ", keys)}");
                else if (_entries.TryAdd(name, (key, value)))
                    _ctx.Mark(Child(name), value is YamlScalarNode && !IsNull(value) ? value : key);
            }
        }
    }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the key is written, even as <c>null</c> (which unsets an optional value).</summary>
    public bool Present(string key) => _entries.ContainsKey(key);

    public bool Has(string key) => _entries.ContainsKey(key) && !IsNull(_entries[key].Value);

    /// <summary>The raw value node, when present and not null.</summary>
    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) && !IsNull(e.Value) ? e.Value : null;

    public string? String(string key) => Get(key) is { } n ? ScalarText(n, Child(key)) : null;

    public int? Int(string key) => Get(key) is { } n ? ReadInt(_ctx, n, Child(key)) : null;

    public bool? Bool(string key)
    {
        if (Get(key) is not { } n || ScalarText(n, Child(key)) is not { } text)
            return null;
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                return true;
            case "false" or "no" or "off" or "0":
                return false;
            default:
                _ctx.Error(n, Child(key), $"expected true or false, got '{text}'");
                return null;
        }
    }

    /// <summary>Megabytes: a number (MiB, as Proxmox counts memory) or a size with a unit such as <c>2G</c> or <c>512M</c>.</summary>
    public int? Megabytes(string key)
    {
        if (Get(key) is not { } n || ScalarText(n, Child(key)) is not { } text)
            return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mb))
            return mb;
        if (DiskSize.TryParse(text, out var relative, out var bytes) && !relative && bytes % (1024 * 1024) == 0 && bytes / (1024 * 1024) <= int.MaxValue)
            return (int)(bytes / (1024 * 1024));
        _ctx.Error(n, Child(key), $"expected a size in MiB (e.g. 2048) or with a unit (e.g. 2G, 512M), got '{text}'");
        return null;
    }

    /// <summary>A disk size: <c>8G</c>, or a bare number meaning GiB (as <c>pct create --rootfs local-lvm:8</c>).</summary>
    public string? DiskText(string key)
    {
        if (String(key) is not { } text)
            return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var gib) ? $"{gib}G" : text;
    }

    public YamlMap? Map(string key, IReadOnlyCollection<string> keys) => Get(key) is { } n ? Open(_ctx, n, Child(key), keys) : null;

    /// <summary>A list's items with their paths (<c>services[2]</c>), or null when absent or not a list.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? List(string key)
    {
        if (Get(key) is not { } n)
            return null;
        if (n is not YamlSequenceNode seq)
        {
            _ctx.Error(n, Child(key), $"expected a list, got {YamlReadContext.Describe(n)}");
            return null;
        }

        var items = seq.Children.Select((item, i) => (item, $"{Child(key)}[{i}]")).ToList();
        foreach (var (item, path) in items)
            _ctx.Mark(path, item);
        return items;
    }

    public IReadOnlyList<string>? StringList(string key) => List(key)?.Select(x => ScalarText(x.Node, x.Path)).OfType<string>().ToList();

    public IReadOnlyList<int>? IntList(string key) => List(key)?.Select(x => ReadInt(_ctx, x.Node, x.Path)).OfType<int>().ToList();

    /// <summary>A mapping of plain values (settings, script variables); values keep their text.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        if (Get(key) is not { } n)
            return null;
        if (n is not YamlMappingNode mapping)
        {
            _ctx.Error(n, Child(key), $"expected a mapping (key: value lines), got {YamlReadContext.Describe(n)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var path = $"{Child(key)}.{name}";
            _ctx.Mark(path, k);
            if (ScalarText(v, path) is { } text)
                result[name] = text;
        }

        return result;
    }

    /// <summary>A scalar's text; reports lists and mappings where a single value belongs.</summary>
    private string? ScalarText(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
            return IsNull(scalar) ? null : scalar.Value;
        _ctx.Error(node, path, $"expected a single value, got {YamlReadContext.Describe(node)}");
        return null;
    }

    private static int? ReadInt(YamlReadContext ctx, YamlNode node, string path)
    {
        if (
            node is YamlScalarNode { Value: { } text }
            && !IsNull(node)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        )
            return value;
        if (!IsNull(node))
            ctx.Error(node, path, $"expected a whole number, got {YamlReadContext.Describe(node)}");
        return null;
    }

    /// <summary><c>key:</c> with nothing after it, <c>~</c> or <c>null</c> (unquoted) mean "not set".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
