namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>Runs one parsed subcommand and returns its exit code; output goes to the context.</summary>
internal delegate Task<int> CliHandler(CliContext context, CliArguments arguments);

/// <summary>
/// One subcommand of a node tool (<c>pct clone</c>, <c>pvesm status</c>, or a tool without subcommands
/// such as <c>vzdump</c> when <see cref="Name"/> is null): its arguments, options and handler.
/// </summary>
internal sealed record CliCommand(string Tool, string? Name, IReadOnlyList<CliPositional> Positionals, IReadOnlyList<CliOption> Options, CliHandler Handler)
{
    public static CliCommand Of(string tool, string? name, string positionals, string options, CliHandler handler) =>
        new(tool, name, ParsePositionals(positionals), CliOption.ParseList(options), handler);

    /// <summary>The short usage line the real tools print after a parameter error.</summary>
    public string Synopsis
    {
        get
        {
            var words = new List<string> { Tool };
            if (Name is not null)
                words.Add(Name);
            words.AddRange(Positionals.Select(p => p.Synopsis));
            if (Options.Count > 0)
                words.Add("[OPTIONS]");
            return string.Join(' ', words);
        }
    }

    /// <summary>Space-separated names; <c>:vmid</c> marks a guest id, <c>:rest</c> the remaining words, <c>:restlist</c> a joined id list.</summary>
    private static CliPositional[] ParsePositionals(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word =>
                word.Split(':') switch
                {
                    [var name, "vmid"] => new CliPositional(name, CliPositionalKind.VmId),
                    [var name, "rest"] => new CliPositional(name, CliPositionalKind.Rest),
                    [var name, "restlist"] => new CliPositional(name, CliPositionalKind.RestList),
                    [var name] => new CliPositional(name),
                    _ => throw new ArgumentException($"bad positional spec '{word}'", nameof(spec)),
                }
            )
            .ToArray();
}
