using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Tasks;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary><c>/nodes/{node}/tasks</c>: list tasks, read one's status and log, and wait for one to end.</summary>
public sealed class TasksClient : ApiClientBase
{
    internal TasksClient(PveTransport transport, ApiPath path)
        : base(transport, path) { }

    private TaskWaitOptions Options => Transport.Options.Tasks;

    private TimeProvider Time => Transport.Options.Time;

    /// <summary><c>GET /nodes/{node}/tasks</c> with <c>source=all</c>, newest first.</summary>
    public async Task<IReadOnlyList<PveTaskSummary>> ListAsync(
        string? typeFilter = null,
        int? vmid = null,
        DateTimeOffset? since = null,
        CancellationToken ct = default
    )
    {
        var query = new ApiParams()
            .Add("source", "all")
            .Add("typefilter", typeFilter)
            .Add("vmid", vmid)
            .Add("since", since?.ToUnixTimeSeconds())
            .Add("limit", 50);
        return JsonRead.Items(await GetAsync(Path, query, ct)).Select(PveTaskSummary.From).OrderByDescending(t => t.StartTime).ToList();
    }

    public async Task<PveTaskStatus> StatusAsync(string upid, CancellationToken ct = default) =>
        PveTaskStatus.From(await GetAsync(Path[upid]["status"], null, ct), upid);

    /// <summary>The log's lines, oldest first.</summary>
    public async Task<IReadOnlyList<string>> LogAsync(string upid, CancellationToken ct = default) =>
        JsonRead
            .Items(await GetAsync(Path[upid]["log"], new ApiParams().Add("start", 0).Add("limit", 10000), ct))
            .OrderBy(l => JsonRead.Long(l, "n") ?? 0)
            .Select(l => JsonRead.Str(l, "t") ?? string.Empty)
            .ToList();

    /// <summary>
    /// Polls the task (<see cref="StateWait"/>; a failed status read counts as "still running") until it ends. <c>OK</c> and <c>WARNINGS: N</c> are success (warnings are
    /// returned); anything else throws <see cref="HostException"/> (<see cref="HostErrorKind.TaskFailed"/>, or
    /// <see cref="HostErrorKind.Locked"/> when the worker found the container locked) carrying the log's tail.
    /// </summary>
    public async Task<TaskOutcome> WaitAsync(string upid, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var parsed = Upid.TryParse(upid, out var u) ? u : null;
        var what = parsed is null ? upid : $"{parsed.Type} {parsed.Id}";
        var limit = timeout ?? Options.TimeoutFor(parsed?.Type ?? string.Empty);
        var schedule = new WaitSchedule(limit, Options.InitialPollInterval, Options.MaxPollInterval, Options.PollOvershoot, Time);
        var last = await StateWait.UntilAsync(
            async t => await StatusAsync(upid, t) is { IsRunning: false } ended ? Look<PveTaskStatus>.Ready(ended) : Look<PveTaskStatus>.NotYet("running"),
            schedule,
            $"task {what}",
            ct
        );
        if (last is { Done: true, Value: { } status })
            return status.Succeeded ? await OutcomeAsync(status, ct) : throw await FailureAsync(status, what, parsed, ct);
        throw new HostException(
            HostErrorKind.Timeout,
            $"task {what} was still running after {limit.TotalMinutes:0.#} min; it goes on on the host (task {upid})"
        )
        {
            TaskId = upid,
            Vmid = parsed?.Vmid,
        };
    }

    private async Task<TaskOutcome> OutcomeAsync(PveTaskStatus status, CancellationToken ct)
    {
        if (!status.HasWarnings)
            return new TaskOutcome(status.Upid, []);
        var warnings = (await LogAsync(status.Upid, ct)).Where(l => l.StartsWith("WARN", StringComparison.Ordinal)).ToList();
        return new TaskOutcome(status.Upid, warnings.Count > 0 ? warnings : [status.ExitStatus!]);
    }

    private async Task<HostException> FailureAsync(PveTaskStatus status, string what, Upid? parsed, CancellationToken ct)
    {
        IReadOnlyList<string> tail;
        try
        {
            tail = (await LogAsync(status.Upid, ct)).TakeLast(Options.LogTailLines).ToList();
        }
        catch (HostException)
        {
            tail = [];
        }

        var exit = status.ExitStatus ?? "unexpected status";
        var log = tail.Count == 0 ? string.Empty : "\n  task log (last lines):\n    " + string.Join("\n    ", tail);
        return new HostException(ApiErrorMapper.ClassifyTaskError(exit), $"task {what} failed: {exit}{log}")
        {
            TaskId = status.Upid,
            Vmid = parsed?.Vmid,
            LogTail = tail,
        };
    }
}
