namespace LxcForge.Simulator.Http.Schema;

/// <summary>One method of one API path, as the schema lists it, with its parameters (path parameters included).</summary>
public sealed class EndpointSchema
{
    private readonly Dictionary<string, ParameterSchema> _parameters;
    private readonly Dictionary<string, ParameterSchema> _indexed;

    public EndpointSchema(string method, string path, bool allowToken, IEnumerable<ParameterSchema> parameters)
    {
        Method = method;
        Path = path;
        AllowToken = allowToken;
        Segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var all = parameters.ToList();
        _parameters = all.Where(p => p.Indexed == 0).ToDictionary(p => p.Name, StringComparer.Ordinal);
        _indexed = all.Where(p => p.Indexed > 0).ToDictionary(p => p.Name[..^"[n]".Length], StringComparer.Ordinal);
        Parameters = all;
    }

    public string Method { get; }

    /// <summary>The path template, e.g. <c>/nodes/{node}/lxc/{vmid}/config</c>.</summary>
    public string Path { get; }

    /// <summary>False for calls an API token may not make (<c>POST /access/ticket</c>).</summary>
    public bool AllowToken { get; }

    public IReadOnlyList<ParameterSchema> Parameters { get; }

    internal string[] Segments { get; }

    /// <summary>The schema of a concrete parameter name: <c>net3</c> resolves to <c>net[n]</c> when 3 is in range.</summary>
    public ParameterSchema? Find(string name)
    {
        if (_parameters.TryGetValue(name, out var direct))
            return direct;
        var digits = name.Length;
        while (digits > 0 && char.IsAsciiDigit(name[digits - 1]))
            digits--;
        if (digits == name.Length || digits == 0 || (name.Length - digits > 1 && name[digits] == '0'))
            return null;
        return _indexed.TryGetValue(name[..digits], out var indexed) && int.TryParse(name.AsSpan(digits), out var n) && n < indexed.Indexed ? indexed : null;
    }

    public override string ToString() => $"{Method} {Path}";
}
