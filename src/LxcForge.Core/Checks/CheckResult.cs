namespace LxcForge.Core.Checks;

public enum CheckStatus
{
    Pass,

    /// <summary>Not a failure, but worth reading (a foreign container in our range, an old version).</summary>
    Warn,
    Fail,

    /// <summary>Not run because an earlier check failed (the host could not be reached).</summary>
    Skipped,
}

/// <summary>One line of <c>lxcforge check</c>: what was checked, how it came out, and the detail a person acts on.</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail)
{
    public static CheckResult Pass(string name, string detail) => new(name, CheckStatus.Pass, detail);

    public static CheckResult Warn(string name, string detail) => new(name, CheckStatus.Warn, detail);

    public static CheckResult Fail(string name, string detail) => new(name, CheckStatus.Fail, detail);
}

/// <summary>Every check of one run, against one host.</summary>
/// <param name="HostUnreachable">True when the host could not be reached or refused our credentials (nothing else was checked).</param>
public sealed record EnvironmentReport(string Host, IReadOnlyList<CheckResult> Checks, bool HostUnreachable)
{
    public bool Ok => !HostUnreachable && Checks.All(c => c.Status is not CheckStatus.Fail);
}
