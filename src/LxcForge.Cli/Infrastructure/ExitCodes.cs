namespace LxcForge.Cli.Infrastructure;

/// <summary>The documented exit codes (README: "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A step failed (a deploy, a check, a backup…).</summary>
    public const int StepFailed = 1;

    /// <summary>Bad input or usage: an invalid spec, an unknown option.</summary>
    public const int BadInput = 2;

    /// <summary>The host is unreachable or refused us (authentication, TLS).</summary>
    public const int HostUnreachable = 3;
}
