using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Time;

namespace LxcForge.Simulator.Engine.Tasks;

/// <summary>
/// Forks workers as Proxmox's <c>fork_worker</c> does: the UPID is returned at once, the work runs in the
/// background, and the log ends with <c>TASK OK</c>, <c>TASK WARNINGS: N</c> or <c>TASK ERROR: msg</c>.
/// </summary>
internal sealed class TaskRunner(ClusterState state, StateGate gate, SimulationClock clock, FaultInjector faults, CancellationToken shutdown)
{
    private readonly List<Task> _running = [];

    /// <summary>One worker: its body, plus what to undo on failure and what to do in any case (under the gate).</summary>
    public sealed record Worker(Func<TaskContext, Task> Body)
    {
        /// <summary>Prepended to the error text: <c>clone failed: </c>, <c>unable to create CT 200 - </c>.</summary>
        public string ErrorPrefix { get; init; } = "";

        public Action? OnFailure { get; init; }

        public Action? Finally { get; init; }
    }

    /// <summary>Starts a worker; call with the gate held so the UPID and the synchronous state change are one step.</summary>
    public SimTask Start(string node, string type, string id, string user, Worker worker)
    {
        var now = clock.GetUtcNow();
        var pid = ++state.NextPid;
        var pstart = (long)(clock.Elapsed.TotalSeconds * 100) + 0x1B4C6D2;
        var starttime = now.ToUnixTimeSeconds();
        var task = new SimTask
        {
            Upid = SimTask.FormatUpid(node, pid, pstart, starttime, type, id, user),
            Node = node,
            Pid = pid,
            PStart = pstart,
            StartTime = starttime,
            Type = type,
            Id = id,
            User = user,
            StartedAtSeconds = clock.Elapsed.TotalSeconds,
        };
        state.Tasks.Add(task);
        var injected = faults.TakeTaskFailure(type);
        var run = System.Threading.Tasks.Task.Run(() => RunAsync(task, worker, injected));
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }

        return task;
    }

    /// <summary>Waits for every worker still running (used by Dispose and Save).</summary>
    public Task AllAsync()
    {
        lock (_running)
            return System.Threading.Tasks.Task.WhenAll(_running.ToArray());
    }

    private async Task RunAsync(SimTask task, Worker worker, string? injectedFailure)
    {
        var ctx = new TaskContext(task, gate, shutdown);
        string exit;
        try
        {
            await System.Threading.Tasks.Task.Yield();
            if (injectedFailure is not null)
                throw new TaskFailedException(injectedFailure);
            await worker.Body(ctx);
            exit = ctx.Warnings > 0 ? $"WARNINGS: {ctx.Warnings}" : "OK";
        }
        catch (Exception ex)
        {
            var message = (ex is OperationCanceledException && shutdown.IsCancellationRequested ? "interrupted by signal" : ex.Message).TrimEnd('\n');
            exit = worker.ErrorPrefix + message;
            try
            {
                using (gate.Enter())
                    worker.OnFailure?.Invoke();
            }
            catch (Exception cleanup)
            {
                ctx.Log("cleanup failed: " + cleanup.Message);
            }
        }

        using (gate.Enter())
        {
            try
            {
                worker.Finally?.Invoke();
            }
            catch (Exception cleanup)
            {
                task.Log.Add("cleanup failed: " + cleanup.Message);
            }

            task.Log.Add(
                exit == "OK" ? "TASK OK"
                : exit.StartsWith("WARNINGS: ", StringComparison.Ordinal) ? "TASK " + exit
                : "TASK ERROR: " + exit
            );
            task.ExitStatus = exit;
            task.EndTime = clock.GetUtcNow().ToUnixTimeSeconds();
            task.EndedAtSeconds = clock.Elapsed.TotalSeconds;
            task.Status = "stopped";
        }

        task.Done.TrySetResult();
    }
}
