using LxcForge.Core.Spec.Validation;

namespace LxcForge.Cli.Infrastructure;

/// <summary>A failure with a sentence for the user and the exit code it means; printed without a stack trace.</summary>
public class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The spec has problems: each is printed as <c>FILE:LINE:COLUMN: field: message</c>, exit 2.</summary>
public sealed class InvalidSpecException(IReadOnlyList<SpecProblem> problems)
    : CliException($"the fleet spec has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}", ExitCodes.BadInput)
{
    public IReadOnlyList<SpecProblem> Problems { get; } = problems;
}
