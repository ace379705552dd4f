namespace LxcForge.Lxc.Config;

/// <summary>
/// An LXC container config (<c>key = value</c> lines, order kept, keys may repeat such as
/// <c>lxc.idmap</c>). Comments and blank lines are dropped on rewrite.
/// </summary>
public sealed class LxcConfigFile
{
    private readonly List<KeyValuePair<string, string>> _entries;

    public LxcConfigFile(IEnumerable<KeyValuePair<string, string>> entries) => _entries = entries.ToList();

    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>The last value of <paramref name="key"/> (LXC: the last assignment wins).</summary>
    public string? this[string key] => _entries.LastOrDefault(e => e.Key == key).Value;

    public IEnumerable<string> All(string key) => _entries.Where(e => e.Key == key).Select(e => e.Value);

    public static LxcConfigFile Parse(string text)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var eq = line.IndexOf('=');
            if (eq <= 0)
                continue;
            entries.Add(new(line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }

        return new LxcConfigFile(entries);
    }

    public static LxcConfigFile Load(string path) => Parse(File.ReadAllText(path));

    public override string ToString() => string.Concat(_entries.Select(e => $"{e.Key} = {e.Value}\n"));
}
