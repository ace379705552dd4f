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

    /// <summary>A shell on the node itself, for the community scripts (null when the backend has none).</summary>
    public INodeShell? NodeShell { get; init; }

    /// <summary>Where the community scripts come from when the host dictates it (the simulator's stand-ins); null = the spec's.</summary>
    public Core.Templates.IScriptOrigin? ScriptOrigin { get; init; }

    /// <summary>A directory of the host's own (the simulator's state), for files that belong to it rather than to the spec.</summary>
    public string? StateDirectory { get; init; }

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
