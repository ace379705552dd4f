using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.State;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// Base of every verb that talks to a host. In this order: resolves <c>--host</c> once, loads and validates the spec,
/// lets the command check its arguments and adjust the spec (<see cref="Prepare"/>; nothing is connected if that
/// throws), connects with every connection option, learns the host's identity, prints the notices (stderr, in every
/// output mode: a security warning must not vanish behind <c>--output json</c>), then runs <see cref="RunOnHostAsync"/>
/// with <see cref="Host"/>, <see cref="State"/>, <see cref="Spec"/> and <see cref="HostIdentity"/> ready.
/// </summary>
public abstract class HostCommand<TSettings>(CliConsole io) : LxcForgeCommand<TSettings>(io)
    where TSettings : HostSettings
{
    private HostSession? _session;
    private HostAddress? _address;

    /// <summary>The host as the user named it; set before <see cref="Prepare"/>.</summary>
    protected HostAddress Address => _address ?? throw new InvalidOperationException("the host is not resolved yet");

    protected HostSession Session => _session ?? throw new InvalidOperationException("not connected yet: use it in RunOnHostAsync");

    protected HostConnection Connection => Session.Connection;

    protected IContainerHost Host => Session.Host;

    /// <summary>This host's journal, secrets and configured marks.</summary>
    protected HostState State => Session.State;

    /// <summary>The spec as <see cref="Prepare"/> left it.</summary>
    protected LoadedSpec Spec => Session.Spec;

    /// <summary>The key this host's state is kept under (what the host says it is).</summary>
    protected string HostIdentity => Session.Identity;

    /// <summary>The <c>--host</c> used when neither it nor <c>LXCFORGE_HOST</c> is given; null = the persistent simulator, with a notice.</summary>
    protected virtual string? DefaultHost => null;

    /// <summary>
    /// Whether the command reads or writes the host's state (journal, secrets, configured marks); when not, the host's
    /// identity is not read (<c>check</c> reports an unreachable host itself, in its table).
    /// </summary>
    protected virtual bool UsesState => true;

    /// <summary>Checks the arguments and returns the spec to work with (e.g. edited and saved); runs before connecting.</summary>
    protected virtual LoadedSpec Prepare(TSettings settings, LoadedSpec spec) => spec;

    protected abstract Task<int> RunOnHostAsync(TSettings settings, CancellationToken cancellationToken);

    protected sealed override async Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken)
    {
        var factory = new HostFactory(Io);
        var (address, notices) = factory.Resolve(settings, DefaultHost);
        _address = address;
        var spec = Prepare(settings, LoadSpec(settings));
        await using var session = await HostSession.OpenAsync(Io, settings, address, notices, spec, UsesState, cancellationToken);
        foreach (var notice in session.Connection.Notices)
            Output.ErrorLine(notice);
        _session = session;
        try
        {
            return await RunOnHostAsync(settings, cancellationToken);
        }
        finally
        {
            _session = null;
        }
    }
}
