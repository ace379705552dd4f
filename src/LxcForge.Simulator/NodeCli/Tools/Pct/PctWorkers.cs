using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Pct;

/// <summary>
/// The pct subcommands backed by a worker: the API call returns a UPID and the CLI runs the task to
/// its end (exit 255 on failure, except template and resize which exit 0 whatever the task did).
/// </summary>
internal static class PctWorkers
{
    public static Task<int> CreateAsync(CliContext context, CliArguments arguments) =>
        RunAsync(context, "POST", context.NodePath("/lxc"), CreateParameters(context, arguments), WorkerExitRule.UpidExit);

    /// <summary><c>pct restore</c> is create with <c>restore=1</c> fixed.</summary>
    public static Task<int> RestoreAsync(CliContext context, CliArguments arguments)
    {
        var parameters = CreateParameters(context, arguments);
        parameters["restore"] = "1";
        return RunAsync(context, "POST", context.NodePath("/lxc"), parameters, WorkerExitRule.UpidExit);
    }

    public static Task<int> CloneAsync(CliContext context, CliArguments arguments) =>
        RunAsync(
            context,
            "POST",
            context.NodePath($"/lxc/{arguments.VmId}/clone"),
            arguments.ApiParameters(("newid", arguments["newid"])),
            WorkerExitRule.UpidExit
        );

    /// <summary>start, stop, shutdown and reboot: <c>POST .../status/&lt;action&gt;</c>.</summary>
    public static CliHandler Status(string action) =>
        (context, arguments) =>
            RunAsync(context, "POST", context.NodePath($"/lxc/{arguments.VmId}/status/{action}"), arguments.ApiParameters(), WorkerExitRule.UpidExit);

    public static Task<int> DestroyAsync(CliContext context, CliArguments arguments) =>
        RunAsync(context, "DELETE", context.NodePath($"/lxc/{arguments.VmId}"), arguments.ApiParameters(), WorkerExitRule.UpidExit);

    public static Task<int> ResizeAsync(CliContext context, CliArguments arguments) =>
        RunAsync(
            context,
            "PUT",
            context.NodePath($"/lxc/{arguments.VmId}/resize"),
            arguments.ApiParameters(("disk", arguments["disk"]), ("size", arguments["size"])),
            WorkerExitRule.AlwaysZero
        );

    public static Task<int> SnapshotAsync(CliContext context, CliArguments arguments) =>
        RunAsync(
            context,
            "POST",
            context.NodePath($"/lxc/{arguments.VmId}/snapshot"),
            arguments.ApiParameters(("snapname", arguments["snapname"])),
            WorkerExitRule.UpidExit
        );

    public static Task<int> RollbackAsync(CliContext context, CliArguments arguments) =>
        RunAsync(
            context,
            "POST",
            context.NodePath($"/lxc/{arguments.VmId}/snapshot/{arguments["snapname"]}/rollback"),
            arguments.ApiParameters(),
            WorkerExitRule.UpidExit
        );

    public static Task<int> DeleteSnapshotAsync(CliContext context, CliArguments arguments) =>
        RunAsync(
            context,
            "DELETE",
            context.NodePath($"/lxc/{arguments.VmId}/snapshot/{arguments["snapname"]}"),
            arguments.ApiParameters(),
            WorkerExitRule.UpidExit
        );

    /// <summary>
    /// The API answers null here (the UPID is not exposed), but the CLI still runs the vztemplate worker to
    /// its end: find the task it started and follow it. Its failure is printed, the exit code stays 0.
    /// </summary>
    public static async Task<int> TemplateAsync(CliContext context, CliArguments arguments)
    {
        var before = await TaskWorker.ListTasksAsync(context, arguments.VmId, "vztemplate");
        var result = await context.CallAsync("POST", context.NodePath($"/lxc/{arguments.VmId}/template"));
        var upid =
            PerlText.Of(result) is { } text && Upid.IsUpid(text) ? text : await TaskWorker.FindNewTaskAsync(context, arguments.VmId, "vztemplate", before);
        return upid is null ? 0 : await TaskWorker.FollowAsync(context, upid, WorkerExitRule.AlwaysZero);
    }

    private static Task<int> RunAsync(CliContext context, string method, string path, Dictionary<string, string> parameters, WorkerExitRule rule) =>
        TaskWorker.CallAndFollowAsync(context, method, path, parameters, rule);

    /// <summary>The create parameters; on the command line <c>--ssh-public-keys</c> names a file whose content is sent.</summary>
    private static Dictionary<string, string> CreateParameters(CliContext context, CliArguments arguments)
    {
        var parameters = arguments.ApiParameters(("vmid", arguments["vmid"]), ("ostemplate", arguments["ostemplate"]));
        if (parameters.TryGetValue("password", out var password) && password.Length == 0)
        {
            // A bare --password prompts; off a terminal pct reads one line of stdin (PVE::PTY::get_confirmed_password).
            parameters["password"] = (context.StandardInput ?? "").Split('\n')[0].TrimEnd('\r');
        }

        if (parameters.TryGetValue("ssh-public-keys", out var file))
        {
            try
            {
                parameters["ssh-public-keys"] = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliDieException(
                    $"unable to open file '{file}' - {(e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message)}"
                );
            }
        }

        return parameters;
    }
}
