namespace LxcForge.Simulator.Engine.Tasks;

/// <summary>What a worker sees: its task (for logging and warnings) and the cancellation of the cluster.</summary>
internal sealed class TaskContext(SimTask task, StateGate gate, CancellationToken cancellationToken)
{
    public SimTask Task { get; } = task;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public int Warnings { get; private set; }

    public void Log(string line)
    {
        using (gate.Enter())
            Task.Log.Add(line);
    }

    public void Warn(string message)
    {
        Warnings++;
        Log("WARN: " + message);
    }
}

/// <summary>A worker failure; the message becomes the task's exit status (after the worker's prefix).</summary>
internal sealed class TaskFailedException(string message) : Exception(message);
