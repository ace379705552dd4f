namespace LxcForge.Processes;

/// <summary>One program to start locally: its argument list (never parsed by a shell), stdin, environment and limits.</summary>
/// <remarks>Secrets belong in <see cref="StandardInput"/> only: arguments and environment are visible to <c>ps</c>.</remarks>
public sealed record ProcessRequest(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Written to stdin, then stdin is closed. Null closes stdin at once.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Added to (or, with <see cref="ReplaceEnvironment"/>, the whole of) the child's environment. Not for secrets.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>When true the child sees only <see cref="Environment"/> (sandboxes that must not inherit this process's variables).</summary>
    public bool ReplaceEnvironment { get; init; }

    /// <summary>Directories searched before <c>PATH</c> for <see cref="Program"/> and put in front of the child's <c>PATH</c> (tests' shims).</summary>
    public string? ExtraPath { get; init; }

    /// <summary>The process tree is killed after this long and <see cref="Core.Hosting.HostErrorKind.Timeout"/> is thrown. Null: no limit but the caller's token.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How long to keep reading output after the program exited, for programs that may fork a daemon holding the pipe
    /// open for ever (lxc-start's monitor): after this grace what was read is kept and the pipe is abandoned.
    /// Null (the default): read to the end of the output, with no watcher on the process.
    /// </summary>
    public TimeSpan? DrainGrace { get; init; }

    /// <summary>At most this many characters of each of stdout and stderr are kept (the tail is dropped and marked).</summary>
    public int OutputLimit { get; init; } = 16 * 1024 * 1024;

    /// <summary>The program and its first flags for messages (argv holds no secrets; stdin is never shown).</summary>
    public string Describe() => string.Join(' ', new[] { Program }.Concat(Arguments).Take(4));
}
