using System.Text.RegularExpressions;

namespace LxcForge.Simulator.Http.Schema;

/// <summary>
/// What the official schema says about one parameter (or one key of a property string): the facts
/// <c>PVE::JSONSchema::check_prop</c> checks, in the order it checks them.
/// </summary>
public sealed record ParameterSchema
{
    public required string Name { get; init; }

    /// <summary>string, integer, number, boolean or array.</summary>
    public string Type { get; init; } = "string";

    public bool Optional { get; init; }

    /// <summary>A registered format name such as <c>pve-vmid</c> or <c>pve-configid-list</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The property-string format (<c>net[n]</c>, <c>rootfs</c>, …) the value is parsed with.</summary>
    public string? PropertyString { get; init; }

    public Regex? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Another parameter that must be present when this one is.</summary>
    public string? Requires { get; init; }

    /// <summary>For <c>net[n]</c>-style names: how many instances exist (net0..net31 → 32); 0 otherwise.</summary>
    public int Indexed { get; init; }

    /// <summary>Inside a property string: the key that may be given without <c>key=</c>.</summary>
    public bool DefaultKey { get; init; }
}
