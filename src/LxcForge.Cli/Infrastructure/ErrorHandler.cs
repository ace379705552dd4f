using LxcForge.Core.Spec.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Infrastructure;

/// <summary>
/// Every exception that leaves a command (or Spectre's parser) ends here: a sentence on stderr, in json
/// mode also <c>{"error": …}</c> on stdout, and the exit code <see cref="ExitCodes.For"/> gives.
/// </summary>
public static class ErrorHandler
{
    public static int Handle(Exception exception, CliConsole io)
    {
        var code = ExitCodes.For(exception);
        var output = new CliOutput(io);
        switch (exception)
        {
            case InvalidSpecException invalid:
                WriteProblems(output, invalid.Problems);
                break;
            case CommandAppException { Pretty: { } pretty } when !io.Verbose:
                io.Error.Write(pretty);
                output.ErrorLine("See 'lxcforge --help'.");
                break;
            case CommandAppException usage:
                output.ErrorLine($"error: {usage.Message}");
                output.ErrorLine("See 'lxcforge --help'.");
                break;
            case OperationCanceledException:
                output.ErrorLine("error: cancelled");
                break;
            default:
                output.ErrorLine($"error: {exception.Message}");
                break;
        }

        if (io.Verbose && exception is not CliException)
            output.ErrorLine(exception.ToString());
        if (output.IsJson)
        {
            var problems = (exception as InvalidSpecException)?.Problems;
            CliOutput.WriteJson(
                io.Out,
                new
                {
                    Error = new
                    {
                        ExitCode = code,
                        exception.Message,
                        Problems = problems,
                    },
                }
            );
        }

        return code;
    }

    /// <summary>One line per problem: <c>FILE:LINE:COLUMN: field.path: what is wrong</c>.</summary>
    public static void WriteProblems(CliOutput output, IReadOnlyList<SpecProblem> problems)
    {
        foreach (var problem in problems)
            output.ErrorLine(problem.ToString());
    }
}
