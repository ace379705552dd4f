using Spectre.Console;

namespace LxcForge.Cli.Infrastructure;

/// <summary>
/// Where a run of <c>lxcforge</c> writes: results to <see cref="Out"/> (stdout), errors and progress to
/// <see cref="Error"/> (stderr), files relative to <see cref="WorkingDirectory"/>. Tests pass test consoles.
/// </summary>
public sealed class CliConsole(IAnsiConsole output, IAnsiConsole error, string workingDirectory)
{
    public IAnsiConsole Out { get; } = output;

    public IAnsiConsole Error { get; } = error;

    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Reads an environment variable (PVE_TOKEN, XDG_DATA_HOME…); tests give their own.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The output mode of the command being run (set when it starts; errors follow it).</summary>
    public OutputMode Mode { get; set; } = OutputMode.Text;

    public bool Verbose { get; set; }

    /// <summary>True when live progress may be drawn (on stderr): a terminal that understands ANSI and text mode.</summary>
    public bool CanShowProgress => Mode == OutputMode.Text && Error.Profile.Capabilities.Ansi && Error.Profile.Capabilities.Interactive;

    /// <summary>A path as the user typed it, resolved against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));

    /// <summary>
    /// The real process's stdout and stderr. Colours and live rendering only on a terminal:
    /// off when the stream is redirected, when NO_COLOR is set (no-color.org) or TERM=dumb.
    /// </summary>
    public static CliConsole FromProcess() =>
        new(
            Create(Console.Out, Console.IsOutputRedirected),
            // Questions are asked on stderr and answered on stdin: both must be a terminal.
            Create(Console.Error, Console.IsErrorRedirected || Console.IsInputRedirected),
            Environment.CurrentDirectory
        );

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || Environment.GetEnvironmentVariable("TERM") == "dumb";
        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            }
        );
        if (redirected)
            console.Profile.Width = 160; // no terminal to fit: keep table rows on one line for grep and diff
        return console;
    }
}
