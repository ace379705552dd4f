using System.Text.RegularExpressions;

namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>How an option takes its value, as Getopt is told by the Proxmox CLI handler.</summary>
internal enum CliOptionKind
{
    /// <summary>Needs a value (<c>--storage local-lvm</c>).</summary>
    Value,

    /// <summary>A boolean: alone it means 1; otherwise 1|0|on|off|yes|no|true|false.</summary>
    Boolean,

    /// <summary>A <c>*-list</c> format: may be repeated, the values are joined with commas.</summary>
    List,

    /// <summary>An array: may be repeated, every value kept.</summary>
    Array,

    /// <summary>
    /// Any other option, for tools that pass options on to an API path they only know at run time
    /// (<c>pvesh get PATH --type vm</c>): the next word is its value unless it looks like an option, alone it means 1.
    /// </summary>
    Passthrough,

    /// <summary>
    /// An interactive value (<c>pct create --password</c>): alone, it is read from stdin, as
    /// <c>PVE::PTY::get_confirmed_password</c> reads one line when stdin is not a terminal.
    /// </summary>
    Prompted,
}

/// <summary>One option of a subcommand. A name ending in <c>[n]</c> (<c>net[n]</c>) stands for <c>net0</c>, <c>net1</c>, ….</summary>
internal sealed record CliOption(string Name, CliOptionKind Kind)
{
    /// <summary>Written <c>*</c> in a spec: the command accepts options it does not list.</summary>
    public bool IsWildcard => Name == "*";

    public bool IsIndexed => Name.EndsWith("[n]", StringComparison.Ordinal);

    private string Stem => IsIndexed ? Name[..^3] : Name;

    /// <summary>Whether <paramref name="given"/> names this option exactly (case-insensitive, as Getopt's ignore_case).</summary>
    public bool MatchesExactly(string given) =>
        IsIndexed
            ? given.StartsWith(Stem, StringComparison.OrdinalIgnoreCase) && given.Length > Stem.Length && given[Stem.Length..].All(char.IsAsciiDigit)
            : string.Equals(given, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="given"/> is an abbreviation of this option (Getopt's auto_abbrev).</summary>
    public bool IsAbbreviatedBy(string given) => !IsIndexed && !IsWildcard && Name.StartsWith(given, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a compact option list: space-separated names, <c>:b</c> for a boolean, <c>:l</c> for a list,
    /// <c>:a</c> for an array, <c>:p</c> for a value read from stdin when none is given (<c>"full:b storage hostname delete:l"</c>); <c>*</c> accepts any other option.
    /// </summary>
    public static IReadOnlyList<CliOption> ParseList(string spec) => spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();

    private static CliOption Parse(string word)
    {
        if (word == "*")
            return new CliOption("*", CliOptionKind.Passthrough);
        var match = Regex.Match(word, "^(?<name>[^:]+)(:(?<kind>[blap]))?$");
        var kind = match.Groups["kind"].Value switch
        {
            "b" => CliOptionKind.Boolean,
            "l" => CliOptionKind.List,
            "a" => CliOptionKind.Array,
            "p" => CliOptionKind.Prompted,
            _ => CliOptionKind.Value,
        };
        return new CliOption(match.Groups["name"].Value, kind);
    }
}
