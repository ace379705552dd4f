namespace LxcForge.Simulator.NodeCli;

/// <summary>
/// What <c>lxc-attach</c> does once it runs a command in a container (and so what <c>pct exec</c> does,
/// which replaces itself with lxc-attach): it builds the environment, passes stdin through and relays
/// the command's output and exit code.
/// </summary>
internal static class Attach
{
    /// <summary>The PATH lxc-attach sets when it clears the environment.</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <param name="keepEnvironment">--keep-env: the caller's environment; --clear-env: only PATH and <paramref name="extra"/>.</param>
    /// <param name="extra">Variables set with <c>-v NAME=VALUE</c>.</param>
    public static async Task<int> RunAsync(
        CliContext context,
        int vmid,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string> environment,
        bool keepEnvironment,
        IReadOnlyDictionary<string, string>? extra = null
    )
    {
        var attached = keepEnvironment
            ? new Dictionary<string, string>(environment, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = DefaultPath };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            attached[name] = value;
        attached["container"] = "lxc";

        var result = await context.Exec.ExecAsync(vmid, command, context.StandardInput, attached, context.CancellationToken);
        context.Out.Append(result.StandardOutput);
        context.Err.Append(result.StandardError);
        return result.ExitCode;
    }
}
