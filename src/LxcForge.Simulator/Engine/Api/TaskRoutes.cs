using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/nodes/{node}/tasks</c>: the list with its filters, a task's status and its log.</summary>
internal static class TaskRoutes
{
    public static JsonNode? Status(RouteContext c)
    {
        var task = Find(c);
        var o = View(task);
        o["status"] = task.Status;
        if (task.ExitStatus is { } exit)
            o["exitstatus"] = exit;
        return o;
    }

    /// <summary>The log lines <c>[{n, t}]</c> from <c>start</c> (0-based), at most <c>limit</c> (default 50).</summary>
    public static JsonNode? Log(RouteContext c)
    {
        var task = Find(c);
        var start = c.Int("start") ?? 0;
        var limit = c.Int("limit") ?? 50;
        var lines = task
            .Log.Skip(start)
            .Take(limit == 0 ? int.MaxValue : limit)
            .Select((t, i) => (JsonNode)new JsonObject { ["n"] = start + i + 1, ["t"] = t });
        return new JsonArray(lines.ToArray());
    }

    /// <summary>Total line count for the log (Proxmox sends it as <c>total</c> beside <c>data</c>).</summary>
    public static int LogTotal(SimulatorCluster cluster, string upid)
    {
        using (cluster.Gate.Read())
            return cluster.State.Tasks.FirstOrDefault(t => t.Upid == upid)?.Log.Count ?? 0;
    }

    public static JsonNode? List(RouteContext c)
    {
        var node = c.NodeName;
        var source = c.Optional("source") ?? "archive";
        var vmid = c.Optional("vmid");
        var type = c.Optional("typefilter");
        var user = c.Optional("userfilter");
        var errorsOnly = c.Bool("errors") == true;
        var statuses = c.Optional("statusfilter")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var since = c.Int("since");
        var until = c.Int("until");
        var start = c.Int("start") ?? 0;
        var limit = c.Int("limit") ?? 50;
        var tasks = c
            .State.Tasks.Where(t => t.Node == node)
            .Where(t => source == "all" || (source == "active" ? t.Status == "running" : t.Status == "stopped"))
            .Where(t => vmid is null || t.Id == vmid)
            .Where(t => type is null || t.Type == type)
            .Where(t => user is null || t.User.Contains(user, StringComparison.Ordinal))
            .Where(t => !errorsOnly || (t.ExitStatus is { } e && e != "OK"))
            .Where(t => statuses is null || statuses.Contains(StatusClass(t)))
            .Where(t => since is null || t.StartTime >= since)
            .Where(t => until is null || t.StartTime <= until)
            .OrderByDescending(t => t.StartTime)
            .ThenByDescending(t => t.Pid)
            .Skip(start)
            .Take(limit);
        return new JsonArray(
            tasks
                .Select(t =>
                {
                    var o = View(t);
                    if (t.EndTime is { } end)
                        o["endtime"] = end;
                    if (t.ExitStatus is { } exit)
                        o["status"] = exit;
                    return (JsonNode)o;
                })
                .ToArray()
        );
    }

    private static JsonObject View(SimTask t) =>
        new()
        {
            ["upid"] = t.Upid,
            ["node"] = t.Node,
            ["pid"] = t.Pid,
            ["pstart"] = t.PStart,
            ["starttime"] = t.StartTime,
            ["type"] = t.Type,
            ["id"] = t.Id,
            ["user"] = t.User,
        };

    /// <summary>ok, warning, error or running, as <c>statusfilter</c> names them.</summary>
    private static string StatusClass(SimTask t) =>
        t.ExitStatus switch
        {
            null => "running",
            "OK" => "ok",
            var e when e.StartsWith("WARNINGS", StringComparison.Ordinal) => "warning",
            _ => "error",
        };

    private static SimTask Find(RouteContext c)
    {
        var upid = c.Required("upid");
        if (!SimTask.TryParseNode(upid, out _))
            throw Pve.Param("upid", "unable to parse worker upid");
        return c.State.Tasks.FirstOrDefault(t => t.Upid == upid && t.Node == c.NodeName) ?? throw Pve.Die($"no such task");
    }
}
