using LxcForge.Core.Planning;

namespace LxcForge.Core.Execution;

/// <summary>
/// What a container holds while it is deployed: a place among the <c>--parallel</c> in flight, and while it clones,
/// its source storage's clone turn (clones reading one storage take turns; that also keeps clones of one template
/// one at a time, as Proxmox locks the source). The turn is always taken before the place and never waited for
/// while holding one, so the two cannot deadlock; and a container waiting for its clone turn holds no place that
/// one starting or configuring could use.
/// </summary>
internal sealed class Places(SemaphoreSlim inFlight, Func<CloneSource, SemaphoreSlim> cloneGate) : IDisposable
{
    private readonly Turn _place = new(inFlight);
    private Turn? _clone;

    /// <summary>Waits for the clone turn of <paramref name="cloneFrom"/> (when there is one to clone), then for a place.</summary>
    public async Task TakeAsync(CloneSource? cloneFrom, CancellationToken cancellationToken)
    {
        if (cloneFrom is not null)
            await BeforeCloneAsync(cloneFrom, cancellationToken);
        await _place.TakeAsync(cancellationToken);
    }

    /// <summary>Before each clone attempt: holds the clone turn (giving the place back while waiting for it).</summary>
    public async Task BeforeCloneAsync(CloneSource cloneFrom, CancellationToken cancellationToken)
    {
        _clone ??= new Turn(cloneGate(cloneFrom));
        if (_clone.Held)
            return;
        _place.Dispose();
        await _clone.TakeAsync(cancellationToken);
        await _place.TakeAsync(cancellationToken);
    }

    /// <summary>While backing off (the template is locked by something else): others may clone and work meanwhile.</summary>
    public void Pause()
    {
        _clone?.Dispose();
        _place.Dispose();
    }

    /// <summary>The clone is over: the next clone from the storage may start while this container goes on.</summary>
    public void CloneDone() => _clone?.Dispose();

    public void Dispose()
    {
        _clone?.Dispose();
        _place.Dispose();
    }
}
