using LxcForge.Core.Hosting;

namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// A shell script run inside a service's container through exec (<c>sh -c</c>). Secrets never appear in
/// the script: the values named in <see cref="Secrets"/> are written to its stdin, one per line, in order,
/// and the script reads them with <c>read -r</c>.
/// </summary>
public sealed record ServiceScript(string Description, string Script)
{
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public ExecRequest ToRequest(IReadOnlyDictionary<string, string> secrets)
    {
        var stdin =
            Secrets.Count == 0
                ? null
                : string.Concat(
                    Secrets.Select(name =>
                        (secrets.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"secret '{name}' was not generated")) + "\n"
                    )
                );
        return ExecRequest.Shell(Script, stdin) with { Timeout = Timeout };
    }
}
