using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Engine.Profiles;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Sim;

public class SimFaultSettings : GlobalSettings
{
    [CommandOption("--state <NAME>")]
    [Description("The kept cluster NAME (the one --host sim://NAME uses)")]
    public string State { get; init; } = "";

    public override Spectre.Console.ValidationResult Validate() =>
        State.Length == 0
            ? Spectre.Console.ValidationResult.Error("--state NAME is required: faults are kept with a named cluster")
            : Spectre.Console.ValidationResult.Success();
}

public sealed class SimFaultAddSettings : SimFaultSettings
{
    [CommandArgument(0, "<KIND>")]
    [Description(
        "task (the next tasks of --type fail), error (the next API calls answer --status), delay (every call waits --milliseconds), drop (the next answers are lost), node-offline / node-online (--node stops or starts answering), slow (--storage is --factor times slower), fill (--storage keeps --leave-free-bytes free)"
    )]
    public string Kind { get; init; } = "";

    [CommandOption("--count <N>")]
    [Description("How many tasks, calls or answers (default 1)")]
    public int? Count { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("task: the task type, e.g. vzclone, vzcreate, vzstart, vzdump")]
    public string? Type { get; init; }

    [CommandOption("--message <TEXT>")]
    [Description("task, error: what the failure says")]
    public string? Message { get; init; }

    [CommandOption("--status <CODE>")]
    [Description("error: the HTTP status (400-599, default 500)")]
    public int? Status { get; init; }

    [CommandOption("--path <TEXT>")]
    [Description("error: only calls whose path contains this")]
    public string? PathContains { get; init; }

    [CommandOption("--milliseconds <MS>")]
    [Description("delay: how long every call waits (simulated)")]
    public double? Milliseconds { get; init; }

    [CommandOption("--node <NODE>")]
    [Description("node-offline, node-online: the node")]
    public string? Node { get; init; }

    [CommandOption("--storage <ID>")]
    [Description("slow, fill: the storage")]
    public string? Storage { get; init; }

    [CommandOption("--factor <X>")]
    [Description("slow: how many times slower (1 = full speed)")]
    public double? Factor { get; init; }

    [CommandOption("--leave-free-bytes <BYTES>")]
    [Description("fill: bytes left free (default 0)")]
    public long? LeaveFreeBytes { get; init; }
}

/// <summary>
/// <c>lxcforge sim fault list|add|clear --state NAME</c>: faults for a kept cluster, so <c>--host sim://NAME</c> runs
/// meet them too (not only <c>sim serve</c>'s admin routes). They are written into the kept state (the one-writer
/// rule applies: refused while another process holds it), armed when the next run loads it, and what a run leaves
/// unused stays for the one after.
/// </summary>
internal static class SimFaults
{
    public static async Task<int> WithClusterAsync(CliConsole io, CliOutput output, SimFaultSettings settings, Action<SimulatorCluster> act)
    {
        await using (
            var state = StateOption.Open(io.EnvironmentVariable, settings.State, SimulatorStates.Options(io.EnvironmentVariable), ClusterProfile.Default)
        )
        {
            try
            {
                act(state.Cluster);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }

            Print(output, state.Cluster);
        }

        return ExitCodes.Ok;
    }

    private static void Print(CliOutput output, SimulatorCluster cluster)
    {
        var f = cluster.Faults.Export();
        var rows = new List<IReadOnlyList<string>>();
        rows.AddRange(f.Tasks.Select(t => (IReadOnlyList<string>)["task", Num(t.Count), $"{t.Type}: {t.Message}"]));
        rows.AddRange(
            f.Calls.Select(c =>
                (IReadOnlyList<string>)["error", Num(c.Count), $"{Num(c.Status)} {c.Message}{(c.Path is null ? "" : $" (paths containing {c.Path})")}"]
            )
        );
        if (f.DelayMilliseconds > 0)
            rows.Add(["delay", "every call", $"{f.DelayMilliseconds.ToString(CultureInfo.InvariantCulture)} ms"]);
        if (f.Drops > 0)
            rows.Add(["drop", Num(f.Drops), "answers lost"]);
        rows.AddRange(f.OfflineNodes.Select(n => (IReadOnlyList<string>)["node-offline", "until node-online", n]));
        output.Result(f, o =>
        {
            if (rows.Count == 0)
                o.Line("no faults armed");
            else
                o.Table(["Fault", "Count", "Detail"], rows);
        });
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

public sealed class SimFaultListCommand(CliConsole io) : LxcForgeCommand<SimFaultSettings>(io)
{
    protected override Task<int> RunAsync(SimFaultSettings settings, CancellationToken cancellationToken) =>
        SimFaults.WithClusterAsync(Io, Output, settings, _ => { });
}

public sealed class SimFaultClearCommand(CliConsole io) : LxcForgeCommand<SimFaultSettings>(io)
{
    protected override Task<int> RunAsync(SimFaultSettings settings, CancellationToken cancellationToken) =>
        SimFaults.WithClusterAsync(Io, Output, settings, c => c.Faults.Reset());
}

public sealed class SimFaultAddCommand(CliConsole io) : LxcForgeCommand<SimFaultAddSettings>(io)
{
    protected override Task<int> RunAsync(SimFaultAddSettings s, CancellationToken cancellationToken) => SimFaults.WithClusterAsync(Io, Output, s, c =>
        {
            var f = c.Faults;
            var count = FaultLimits.Count("--count", s.Count ?? 1);
            switch (s.Kind)
            {
                case "task":
                    f.FailNextTasks(FaultLimits.Name("--type", s.Type), count, FaultLimits.Message("--message", s.Message ?? "simulated failure"));
                    break;
                case "error":
                    f.FailNextCalls(
                        count,
                        FaultLimits.Status("--status", s.Status ?? 500),
                        FaultLimits.Message("--message", s.Message ?? "simulated server error"),
                        s.PathContains
                    );
                    break;
                case "delay":
                    f.CallDelay = FaultLimits.Milliseconds("--milliseconds", s.Milliseconds ?? 0);
                    break;
                case "drop":
                    f.DropNextResponses(count);
                    break;
                case "node-offline" or "node-online":
                    var node = FaultLimits.Name("--node", s.Node);
                    if (!c.NodeNames.Contains(node, StringComparer.Ordinal))
                        throw new ArgumentException($"--node {node}: no such node; the cluster has {string.Join(", ", c.NodeNames)}");
                    f.SetNodeOffline(node, s.Kind == "node-offline");
                    break;
                case "slow":
                    f.SlowStorage(FaultLimits.Name("--storage", s.Storage), FaultLimits.SlowFactor("--factor", s.Factor ?? 0));
                    break;
                case "fill":
                    f.FillStorage(FaultLimits.Name("--storage", s.Storage), FaultLimits.Bytes("--leave-free-bytes", s.LeaveFreeBytes ?? 0));
                    break;
                default:
                    throw new ArgumentException($"unknown fault '{s.Kind}'; kinds: task, error, delay, drop, node-offline, node-online, slow, fill");
            }
        });
}
