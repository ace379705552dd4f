using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli;

/// <summary>How a subcommand turns its worker's outcome into an exit code.</summary>
internal enum WorkerExitRule
{
    /// <summary>pct's <c>$upid_exit</c>: 0 when the task ended OK or with warnings, 255 otherwise.</summary>
    UpidExit,

    /// <summary>No result handler (<c>pct template</c>, <c>pct resize</c>, <c>pveam download</c>): 0 even when the task failed.</summary>
    AlwaysZero,
}

/// <summary>
/// Runs a task the way the CLI runs a worker: synchronously. It waits for the task to stop, prints its
/// log (without the final <c>TASK OK</c> line), and reports an error or warnings on stderr.
/// </summary>
internal static class TaskWorker
{
    private const int LogPage = 1000;
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Makes the API call; when it answers with a UPID, runs that task to its end.</summary>
    public static async Task<int> CallAndFollowAsync(
        CliContext context,
        string method,
        string path,
        IReadOnlyDictionary<string, string> parameters,
        WorkerExitRule rule
    )
    {
        var result = await context.CallAsync(method, path, parameters);
        return PerlText.Of(result) is { } text && Upid.IsUpid(text) ? await FollowAsync(context, text, rule) : 0;
    }

    public static async Task<int> FollowAsync(CliContext context, string upid, WorkerExitRule rule)
    {
        var node = Upid.Node(upid);
        var status = await WaitUntilStoppedAsync(context, node, upid);
        await PrintLogAsync(context, node, upid);

        var exitStatus = status["exitstatus"]?.ToString() ?? "unexpected status";
        if (exitStatus == "OK")
            return 0;
        if (exitStatus.StartsWith("WARNINGS: ", StringComparison.Ordinal))
        {
            context.PrintError($"Task finished with {exitStatus["WARNINGS: ".Length..]} warning(s)!");
            return 0;
        }

        context.PrintError(exitStatus);
        return rule == WorkerExitRule.UpidExit ? 255 : 0;
    }

    /// <summary>
    /// For calls whose API result hides the UPID (<c>POST .../template</c> returns null): the newest task of
    /// <paramref name="type"/> for <paramref name="vmid"/> that is not in <paramref name="before"/>, or null.
    /// </summary>
    public static async Task<string?> FindNewTaskAsync(CliContext context, int vmid, string type, IReadOnlySet<string> before)
    {
        var tasks = await ListTasksAsync(context, vmid, type);
        return tasks.Where(upid => !before.Contains(upid)).OrderByDescending(Upid.StartTime).FirstOrDefault();
    }

    public static async Task<IReadOnlySet<string>> ListTasksAsync(CliContext context, int vmid, string type)
    {
        var parameters = new Dictionary<string, string>
        {
            ["vmid"] = vmid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["typefilter"] = type,
            ["source"] = "all",
        };
        var list = await context.GetAsync(context.NodePath("/tasks"), parameters) as JsonArray ?? [];
        return list.Select(task => task?["upid"]?.ToString()).OfType<string>().ToHashSet();
    }

    private static async Task<JsonNode> WaitUntilStoppedAsync(CliContext context, string node, string upid)
    {
        var delay = FirstPoll;
        while (true)
        {
            var status = await context.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/status")
                ?? throw new CliDieException($"unable to read the status of task '{upid}'");
            if (status["status"]?.ToString() == "stopped")
                return status;
            await Task.Delay(delay, context.CancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    private static async Task PrintLogAsync(CliContext context, string node, string upid)
    {
        var lines = new List<string>();
        for (var start = 0; ; start += LogPage)
        {
            var parameters = new Dictionary<string, string>
            {
                ["start"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["limit"] = LogPage.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var page = await context.GetAsync($"/nodes/{node}/tasks/{Uri.EscapeDataString(upid)}/log", parameters) as JsonArray ?? [];
            lines.AddRange(page.Select(entry => entry?["t"]?.ToString() ?? ""));
            if (page.Count < LogPage)
                break;
        }

        // The final status line goes to the log file only; the CLI reports it its own way.
        if (lines.Count > 0 && lines[^1].StartsWith("TASK ", StringComparison.Ordinal))
            lines.RemoveAt(lines.Count - 1);
        if (lines is ["no content"])
            return;
        foreach (var line in lines)
            context.Print(line);
    }
}
