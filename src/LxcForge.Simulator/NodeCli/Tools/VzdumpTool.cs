using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools;

/// <summary>
/// <c>vzdump {vmid} [OPTIONS]</c>: the backup job as a worker on this node; the log is printed, a failed
/// job (<c>job errors</c>) exits 255.
/// </summary>
internal static class VzdumpTool
{
    private const string Options =
        "all:b bwlimit compress dumpdir exclude:l exclude-path:a fleecing ionice job-id lockwait mailnotification mailto:l maxfiles mode "
        + "notes-template notification-mode pbs-change-detection-mode performance pigz pool protected:b prune-backups quiet:b remove:b script "
        + "stdexcludes:b stdout:b stop:b stopwait storage tmpdir zstd";

    public static NodeTool Create() => new("vzdump", [CliCommand.Of("vzdump", null, "vmid:restlist", Options, RunAsync)]);

    private static Task<int> RunAsync(CliContext context, CliArguments arguments)
    {
        var parameters = arguments.ApiParameters();
        if (arguments.Positionals.TryGetValue("vmid", out var vmids))
            parameters["vmid"] = vmids;
        return TaskWorker.CallAndFollowAsync(context, "POST", context.NodePath("/vzdump"), parameters, WorkerExitRule.UpidExit);
    }
}
