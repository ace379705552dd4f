using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>
/// Turns a failed pct/pvesm/pveam/vzdump/pvesh run (exit 255 and its stderr) into a <see cref="HostException"/>
/// of the right kind, using the error texts Proxmox prints (docs/proxmox-behaviour.md#cli-exit-codes and #error-texts).
/// </summary>
public static partial class CliFailure
{
    private const int LogTailLines = 20;

    // Errors raised inside a worker (the task itself failed) rather than by the checks before it.
    private static readonly string[] TaskErrorPrefixes =
    [
        "unable to create CT",
        "unable to restore CT",
        "clone failed",
        "job errors",
        "startup for container",
        "container did not stop",
        "command '",
        "TASK ERROR",
        "Template feature is not available",
        "rsync",
    ];

    public static HostException ToException(CommandSpec command, CommandOutput output, int? vmid = null)
    {
        var lines = Lines(output.StandardError);
        var first = lines.FirstOrDefault(l => !l.StartsWith("trying to acquire lock", StringComparison.Ordinal)) ?? $"exit code {output.ExitCode}";
        var kind = Classify(output, lines, first);
        var parameterErrors = kind == HostErrorKind.InvalidRequest ? ParameterErrors(output.StandardError) : new Dictionary<string, string>();
        var detail = parameterErrors.Count > 0 ? first + " " + string.Join("; ", parameterErrors.Select(p => $"{p.Key}: {p.Value}")) : first;
        var message =
            kind == HostErrorKind.Unsupported
                ? $"'{command.Program}' is not available on this host: is it a Proxmox VE node? ({detail})"
                : $"'{command}' failed: {detail}";
        return new HostException(kind, message)
        {
            Vmid = vmid,
            ParameterErrors = parameterErrors,
            LogTail = LogTail(output),
        };
    }

    /// <summary>A failure that a command reported on stderr but not in its exit code (pct template, pct resize, pveam download).</summary>
    public static HostException SilentFailure(CommandSpec command, CommandOutput output, string whatWasExpected, int? vmid = null)
    {
        var said = Lines(output.StandardError).FirstOrDefault() ?? "no error text";
        return new HostException(HostErrorKind.TaskFailed, $"'{command}' exited 0 but {whatWasExpected}: {said}") { Vmid = vmid, LogTail = LogTail(output) };
    }

    private static HostErrorKind Classify(CommandOutput output, IReadOnlyList<string> lines, string first)
    {
        bool Any(string text) => lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        if (output.ExitCode == 127 || first.EndsWith("command not found", StringComparison.Ordinal))
            return HostErrorKind.Unsupported;
        if (Any("Parameter verification failed"))
            return HostErrorKind.InvalidRequest;
        if (Any("CT is locked") || LockTimeout().IsMatch(output.StandardError))
            return HostErrorKind.Locked;
        if (Any("Permission check failed") || Any("only allowed for root@pam") || Any("Only root can"))
            return HostErrorKind.PermissionDenied;
        if (Any("already exists"))
            return HostErrorKind.AlreadyExists;
        if (Any("does not exist") || Any("no such cluster node") || Any("no such"))
            return HostErrorKind.NotFound;
        if (TaskErrorPrefixes.Any(p => first.StartsWith(p, StringComparison.Ordinal)))
            return HostErrorKind.TaskFailed;
        return HostErrorKind.InvalidRequest;
    }

    /// <summary>The <c>param: message</c> lines after <c>400 Parameter verification failed.</c>, up to the blank line before the usage.</summary>
    private static Dictionary<string, string> ParameterErrors(string stderr)
    {
        var errors = new Dictionary<string, string>();
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.Contains("Parameter verification failed", StringComparison.Ordinal));
        if (start < 0)
            return errors;
        foreach (var line in lines.Skip(start + 1))
        {
            var m = ParameterLine().Match(line);
            if (!m.Success || line.StartsWith("USAGE:", StringComparison.OrdinalIgnoreCase))
                break;
            errors[m.Groups[1].Value] = m.Groups[2].Value;
        }

        return errors;
    }

    private static List<string> LogTail(CommandOutput output) => [.. Lines(output.StandardOutput).Concat(Lines(output.StandardError)).TakeLast(LogTailLines)];

    internal static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    [GeneratedRegex(@"^([A-Za-z][\w\-\[\]]*): (.+)$")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"can't lock file .* got timeout")]
    private static partial Regex LockTimeout();
}
