namespace LxcForge.Core.Spec.Validation;

/// <summary>
/// Where each field of a spec came from: field path (<c>services[3].ip</c>) → line and column in the file.
/// A field the file did not set (a built-in default) is located at its nearest parent that the file did set.
/// </summary>
public sealed class SpecSourceMap
{
    /// <summary>The file name shown when the spec is the built-in defaults.</summary>
    public const string DefaultsName = "(built-in defaults)";

    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public SpecSourceMap(string file) => File = file;

    public string File { get; }

    /// <summary>The map of the built-in defaults: no positions at all.</summary>
    public static SpecSourceMap Defaults { get; } = new(DefaultsName);

    internal void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>True when the file itself sets this field (not inherited from the defaults).</summary>
    public bool Contains(string path) => _positions.ContainsKey(path);

    /// <summary>The position of a field, or of its nearest located parent; (0, 0) when none.</summary>
    public (int Line, int Column) Locate(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var pos))
                return pos;
            if (p.Length == 0)
                return (0, 0);
        }
    }

    /// <summary>A problem at a field, located through this map.</summary>
    public SpecProblem Problem(string path, string message)
    {
        var (line, column) = Locate(path);
        return new SpecProblem(File, line, column, path, message);
    }

    /// <summary><c>services[3].ip</c> → <c>services[3]</c> → <c>services</c> → empty.</summary>
    internal static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
