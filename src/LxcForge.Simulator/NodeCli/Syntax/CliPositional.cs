namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>How a positional argument is read and checked.</summary>
internal enum CliPositionalKind
{
    /// <summary>One word, passed on unchecked (the API checks it).</summary>
    Word,

    /// <summary>A guest id: an integer from 100 to 999999999.</summary>
    VmId,

    /// <summary>Every remaining word, kept as a list (<c>pct exec</c>'s command).</summary>
    Rest,

    /// <summary>Every remaining word, joined with commas; may be empty (<c>vzdump</c>'s vmid list).</summary>
    RestList,
}

/// <summary>A positional argument of a subcommand.</summary>
internal sealed record CliPositional(string Name, CliPositionalKind Kind = CliPositionalKind.Word)
{
    public bool TakesTheRest => Kind is CliPositionalKind.Rest or CliPositionalKind.RestList;

    /// <summary>How the synopsis shows it: <c>&lt;vmid&gt;</c>, <c>[&lt;extra-args&gt;]</c>, <c>{&lt;vmid&gt;}</c>.</summary>
    public string Synopsis =>
        Kind switch
        {
            CliPositionalKind.Rest => $"[<{Name}>]",
            CliPositionalKind.RestList => $"{{<{Name}>}}",
            _ => $"<{Name}>",
        };
}
