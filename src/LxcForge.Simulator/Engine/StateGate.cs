namespace LxcForge.Simulator.Engine;

/// <summary>
/// The one lock over a cluster's state: readers share it, a writer has it alone. Its version moves on every
/// exit from a writing scope, so views built from the state (the <c>/cluster/resources</c> list) can be cached
/// and known to be current. Use <c>using (gate.Enter())</c> where <c>lock</c> would be, and <see cref="Read"/>
/// only for code that changes nothing (a writing scope cannot be entered from inside a reading one).
/// </summary>
#pragma warning disable CA1001 // The lock lives as long as the cluster; a worker stuck past Dispose's wait may still release it.
internal sealed class StateGate
#pragma warning restore CA1001
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private long _version;

    /// <summary>Changes whenever a writing scope ends; read it with the gate held to match the state seen.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Holds the gate alone, for code that may change the state.</summary>
    public Scope Enter()
    {
        _lock.EnterWriteLock();
        return new Scope(this, write: true);
    }

    /// <summary>Shares the gate with other readers, for code that only reads the state (the version stays).</summary>
    public Scope Read()
    {
        _lock.EnterReadLock();
        return new Scope(this, write: false);
    }

    /// <summary>Releases the gate; a writing scope moves the version first, so the next holder sees it.</summary>
    public readonly struct Scope(StateGate gate, bool write) : IDisposable
    {
        public void Dispose()
        {
            if (write)
            {
                Interlocked.Increment(ref gate._version);
                gate._lock.ExitWriteLock();
            }
            else
            {
                gate._lock.ExitReadLock();
            }
        }
    }
}
