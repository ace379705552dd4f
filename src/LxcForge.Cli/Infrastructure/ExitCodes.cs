using LxcForge.Core.Hosting;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Infrastructure;

/// <summary>The documented exit codes (README: "Exit codes"), and the one place exceptions are mapped to them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A step failed (a deploy, a check, a backup…).</summary>
    public const int StepFailed = 1;

    /// <summary>Bad input or usage: an invalid spec, an unknown option.</summary>
    public const int BadInput = 2;

    /// <summary>The host is unreachable or refused us (authentication, TLS).</summary>
    public const int HostUnreachable = 3;

    /// <summary>The exit code an exception that reached the top means.</summary>
    public static int For(Exception exception) =>
        exception switch
        {
            CliException e => e.ExitCode,
            CommandAppException => BadInput, // Spectre's parse and usage errors
            HostException { Kind: HostErrorKind.Unreachable or HostErrorKind.AuthenticationFailed } => HostUnreachable,
            _ => StepFailed,
        };
}
