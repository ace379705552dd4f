using LxcForge.Core.Hosting;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// A connected host and what came with it (an SSH exec channel, an in-process simulator), disposed together.
/// <see cref="Notices"/> are sentences for the user (which simulator is used, an insecure TLS opt-out…).
/// </summary>
public sealed class HostConnection(IContainerHost host, IReadOnlyList<string> notices, params IAsyncDisposable?[] owned) : IAsyncDisposable
{
    public IContainerHost Host { get; } = host;

    public IReadOnlyList<string> Notices { get; } = notices;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        // In order: e.g. the simulator server stops before its cluster is saved and disposed.
        foreach (var item in owned)
        {
            if (item is not null)
                await item.DisposeAsync();
        }
    }
}
