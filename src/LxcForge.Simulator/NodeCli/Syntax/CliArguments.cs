using System.Globalization;

namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>A parsed command line: positional values, the remaining words, and the options by their canonical names.</summary>
internal sealed class CliArguments
{
    public CliArguments(
        IReadOnlyDictionary<string, string> positionals,
        IReadOnlyList<string> rest,
        IReadOnlyDictionary<string, string> options,
        IReadOnlyDictionary<string, IReadOnlyList<string>> arrays
    )
    {
        Positionals = positionals;
        Rest = rest;
        Options = options;
        Arrays = arrays;
    }

    public IReadOnlyDictionary<string, string> Positionals { get; }

    /// <summary>The words a <see cref="CliPositionalKind.Rest"/> argument collected.</summary>
    public IReadOnlyList<string> Rest { get; }

    /// <summary>Options with one value each; booleans are already <c>1</c> or <c>0</c>.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>Array options, every value given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Arrays { get; }

    public string this[string positional] => Positionals[positional];

    public int VmId => int.Parse(Positionals["vmid"], CultureInfo.InvariantCulture);

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public bool Flag(string name, bool defaultValue = false) => Options.TryGetValue(name, out var value) ? value == "1" : defaultValue;

    /// <summary>The options as API parameters, plus <paramref name="extra"/> (positionals that are parameters, fixed values).</summary>
    public Dictionary<string, string> ApiParameters(params (string Name, string Value)[] extra)
    {
        var parameters = new Dictionary<string, string>(Options);
        foreach (var (name, values) in Arrays)
            parameters[name] = string.Join('\0', values);
        foreach (var (name, value) in extra)
            parameters[name] = value;
        return parameters;
    }
}
