using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.State;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// One command's hold on one host: the connection (opened once, with every connection option), the host's one
/// identity, the state kept under that identity, and the spec the command works with. Disposed together.
/// </summary>
public sealed class HostSession : IAsyncDisposable
{
    private readonly Lazy<StateStore> _store;
    private readonly Lazy<HostState> _state;

    private readonly string? _identity;

    private HostSession(HostAddress address, HostConnection connection, string? identity, LoadedSpec spec, Func<StateStore> openStore)
    {
        Address = address;
        Connection = connection;
        _identity = identity;
        Spec = spec;
        _store = new Lazy<StateStore>(openStore);
        _state = new Lazy<HostState>(() => new HostState(_store.Value, Identity));
    }

    /// <summary>The host as the user named it (for messages; never a state key).</summary>
    public HostAddress Address { get; }

    public HostConnection Connection { get; }

    public IContainerHost Host => Connection.Host;

    /// <summary>What the host says it is: every address, alias or backend that reaches it gives the same identity.</summary>
    public string Identity =>
        _identity
        ?? throw new InvalidOperationException("this command declared that it keeps no state (HostCommand.UsesState), so the host's identity was not read");

    /// <summary>This host's journal, secrets and configured marks (the state file is opened on first use).</summary>
    public HostState State => _state.Value;

    public LoadedSpec Spec { get; }

    /// <summary>How the host is named in output: the address as given.</summary>
    public string DisplayName => Address.Text;

    /// <summary>Connects to <paramref name="address"/> and (when <paramref name="withIdentity"/>) learns the host's identity; the caller shows <see cref="HostConnection.Notices"/>.</summary>
    public static async Task<HostSession> OpenAsync(
        CliConsole io,
        HostSettings settings,
        HostAddress address,
        List<string> notices,
        LoadedSpec spec,
        bool withIdentity,
        CancellationToken cancellationToken
    )
    {
        var connection = await new HostFactory(io).ConnectAsync(address, settings, notices, cancellationToken);
        try
        {
            var identity = withIdentity ? await HostIdentities.ResolveAsync(connection, address, cancellationToken) : null;
            return new HostSession(address, connection, identity, spec, () => OpenStateFile(io));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The state file under the user's data directory (mode 0600).</summary>
    public static StateStore OpenStateFile(CliConsole io) => StateStore.Open(Path.Combine(DataDirectory.Resolve(io.EnvironmentVariable), "state.db"));

    public async ValueTask DisposeAsync()
    {
        if (_store.IsValueCreated)
            _store.Value.Dispose();
        await Connection.DisposeAsync();
    }
}
