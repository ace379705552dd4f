namespace LxcForge.Core.Execution;

/// <summary>A place in a <see cref="SemaphoreSlim"/> that can be taken, given back and taken again; given back at most once per taking.</summary>
internal sealed class Turn(SemaphoreSlim gate) : IDisposable
{
    private int _held;

    public bool Held => Volatile.Read(ref _held) == 1;

    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (Held)
            return;
        await gate.WaitAsync(cancellationToken);
        Volatile.Write(ref _held, 1);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _held, 0) == 1)
            gate.Release();
    }
}
