namespace LxcForge.Processes;

/// <summary>How a local process ended: its exit code and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The exit code a shell gives for a program it cannot find; <see cref="ProcessRunner"/> gives the same.</summary>
    public const int NotFoundExitCode = 127;

    public bool Succeeded => ExitCode == 0;

    /// <summary>True when the program could not be started because it does not exist (or is not executable).</summary>
    public bool ProgramNotFound => ExitCode == NotFoundExitCode && StandardError.EndsWith(": command not found", StringComparison.Ordinal);

    /// <summary>The answer for a program that cannot be started: what <c>sh</c> prints, so local and SSH runs read alike.</summary>
    public static ProcessResult NotFound(string program) => new(NotFoundExitCode, "", $"{program}: command not found");
}
