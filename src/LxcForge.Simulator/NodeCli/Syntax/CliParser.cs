using System.Globalization;

namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>
/// Reads a command line as Proxmox's CLI handler does with Getopt::Long: <c>-opt</c> and <c>--opt</c>,
/// <c>--opt=value</c>, case-insensitive names and unique abbreviations, options anywhere among the
/// positionals (permute), <c>--</c> ending option processing, bare booleans meaning 1.
/// </summary>
internal static class CliParser
{
    private static readonly Dictionary<string, string> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1"] = "1",
        ["on"] = "1",
        ["yes"] = "1",
        ["true"] = "1",
        ["0"] = "0",
        ["off"] = "0",
        ["no"] = "0",
        ["false"] = "0",
    };

    public static CliArguments Parse(CliCommand command, IReadOnlyList<string> words)
    {
        var positionalWords = new List<string>();
        var values = new Dictionary<string, List<string>>();
        var canonical = new Dictionary<string, CliOption>();
        var warnings = new List<string>();

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--")
            {
                positionalWords.AddRange(words.Skip(i + 1));
                break;
            }

            if (!LooksLikeOption(word))
            {
                positionalWords.Add(word);
                continue;
            }

            var body = word.StartsWith("--", StringComparison.Ordinal) ? word[2..] : word[1..];
            string? inline = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = body[(equals + 1)..];
                body = body[..equals];
            }

            var option = Resolve(command, body, warnings);
            if (option is null)
                continue;

            var name = option.IsIndexed ? body.ToLowerInvariant() : option.Name;
            canonical[name] = option;
            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (option.Kind is CliOptionKind.Boolean or CliOptionKind.Passthrough or CliOptionKind.Prompted)
            {
                // Getopt's optional value (":s"): the next word is the value unless it looks like an option.
                value = i + 1 < words.Count && !LooksLikeOption(words[i + 1]) && words[i + 1] != "--" ? words[++i] : "";
            }
            else if (i + 1 < words.Count)
            {
                value = words[++i];
            }
            else
            {
                warnings.Add($"Option {option.Name} requires an argument");
                continue;
            }

            if (!values.TryGetValue(name, out var list))
                values[name] = list = [];
            if (option.Kind is not (CliOptionKind.List or CliOptionKind.Array))
                list.Clear(); // a repeated single-valued option: the last one wins
            list.Add(value);
        }

        if (warnings.Count > 0)
            throw new CliUsageException("unable to parse option", warnings);

        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var options = new Dictionary<string, string>();
        var arrays = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (name, list) in values)
        {
            var option = canonical[name];
            switch (option.Kind)
            {
                case CliOptionKind.Boolean:
                    var given = list[^1];
                    if (given.Length == 0)
                        options[name] = "1";
                    else if (Booleans.TryGetValue(given, out var normalized))
                        options[name] = normalized;
                    else
                        errors[name] = $"type check ('boolean') failed - got '{given}'";
                    break;
                case CliOptionKind.Passthrough:
                    options[name] = list[^1].Length == 0 ? "1" : list[^1];
                    break;
                case CliOptionKind.List:
                    options[name] = string.Join(',', list);
                    break;
                case CliOptionKind.Array:
                    arrays[name] = list;
                    break;
                default:
                    options[name] = list[^1];
                    break;
            }
        }

        var (positionals, rest) = BindPositionals(command, positionalWords, errors);
        if (errors.Count > 0)
            throw new CliParameterException(errors);
        return new CliArguments(positionals, rest, options, arrays);
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && word != "--" && !char.IsAsciiDigit(word[1]) || word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2;

    private static CliOption? Resolve(CliCommand command, string given, List<string> warnings)
    {
        var exact = command.Options.FirstOrDefault(o => o.MatchesExactly(given));
        if (exact is not null)
            return exact;
        var abbreviated = command.Options.Where(o => o.IsAbbreviatedBy(given)).ToList();
        if (abbreviated.Count == 1)
            return abbreviated[0];
        if (command.Options.Any(o => o.IsWildcard))
            return new CliOption(given, CliOptionKind.Passthrough);
        warnings.Add(
            abbreviated.Count == 0
                ? $"Unknown option: {given.ToLowerInvariant()}"
                : $"Option {given} is ambiguous ({string.Join(", ", abbreviated.Select(o => o.Name))})"
        );
        return null;
    }

    private static (Dictionary<string, string> Positionals, List<string> Remaining) BindPositionals(
        CliCommand command,
        List<string> words,
        SortedDictionary<string, string> errors
    )
    {
        var positionals = new Dictionary<string, string>();
        var rest = new List<string>();
        var index = 0;
        foreach (var spec in command.Positionals)
        {
            if (spec.TakesTheRest)
            {
                rest.AddRange(words.Skip(index));
                if (spec.Kind == CliPositionalKind.RestList && rest.Count > 0)
                    positionals[spec.Name] = string.Join(',', rest);
                index = words.Count;
                break;
            }

            if (index >= words.Count)
                throw new CliUsageException("not enough arguments");
            var word = words[index++];
            positionals[spec.Name] = word;
            if (spec.Kind == CliPositionalKind.VmId && CheckVmId(word) is { } problem)
                errors[spec.Name] = problem;
        }

        if (index < words.Count)
            throw new CliUsageException("too many arguments");
        return (positionals, rest);
    }

    /// <summary>The JSON-schema check of a <c>pve-vmid</c> integer, with Proxmox's messages.</summary>
    public static string? CheckVmId(string word)
    {
        if (!long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || word.StartsWith('+'))
            return $"type check ('integer') failed - got '{word}'";
        if (id < 100)
            return "value must have a minimum value of 100";
        if (id > 999999999)
            return "value must have a maximum value of 999999999";
        return null;
    }
}
