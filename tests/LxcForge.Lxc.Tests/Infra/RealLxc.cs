using LxcForge.Lxc;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc.Tests.Infra;

/// <summary>
/// Whether real-container tests can run here, and why not. They need root, the lxc tools, debootstrap (for the
/// cached OS templates) and util-linux's unshare/nsenter (for the private network namespace). `.ci/run` installs them.
/// </summary>
public static class RealLxc
{
    /// <summary>The xunit trait real-container tests carry: <c>dotnet test --filter Category=RealLxc</c> runs them alone.</summary>
    public const string Category = "RealLxc";

    /// <summary>Null when real containers can run; otherwise the reason every real-container test is skipped.</summary>
    public static string? SkipReason { get; } = Detect();

    private static string? Detect()
    {
        if (Environment.GetEnvironmentVariable("LXCFORGE_SKIP_REAL_LXC") is { Length: > 0 })
            return "real-container tests are switched off (LXCFORGE_SKIP_REAL_LXC is set)";
        var problems = Preflight.Problems(needDebootstrap: true).ToList();
        foreach (var tool in new[] { "unshare", "nsenter", "ip", "tar", "zstd" })
        {
            if (!ToolLocator.Exists(tool))
                problems.Add($"'{tool}' is not installed");
        }

        return problems.Count == 0 ? null : "real-container tests need root with lxc and debootstrap (run .ci/run as root): " + string.Join("; ", problems);
    }
}

/// <summary>A fact that runs only where real containers can (see <see cref="RealLxc.SkipReason"/>), skipped with the reason otherwise.</summary>
public sealed class RealLxcFactAttribute : FactAttribute
{
    public RealLxcFactAttribute()
    {
        if (RealLxc.SkipReason is { } reason)
            Skip = reason;
    }
}
