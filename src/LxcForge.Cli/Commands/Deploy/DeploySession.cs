using LxcForge.Cli.Commands.DayTwo;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Core.State;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>What plan, deploy and demo share: the selected services, the connected host, the state file, the deployer.</summary>
internal sealed class DeploySession : IAsyncDisposable
{
    private DeploySession(HostConnection connection, StateStore state, Deployer deployer, IReadOnlyList<string> only)
    {
        Connection = connection;
        State = state;
        Deployer = deployer;
        Only = only;
    }

    public HostConnection Connection { get; }
    public StateStore State { get; }
    public Deployer Deployer { get; }

    /// <summary>Instance names selected; empty = all.</summary>
    public IReadOnlyList<string> Only { get; }

    public static async Task<DeploySession> OpenAsync(CliConsole io, CliOutput output, FleetSpec spec, PlanSettings settings, bool requireSelection, int? parallel, CancellationToken cancellationToken)
    {
        var all = settings.All || (!requireSelection && settings.Services.Length == 0);
        var only = all ? [] : ServiceSelection.Instances(spec, settings.Services, all: false).Select(i => i.Name).ToList();
        if (parallel is < 1)
            throw new CliException($"--parallel {parallel}: must be 1 or more");
        var connection = await new HostFactory(io).ConnectAsync(settings, cancellationToken);
        foreach (var notice in connection.Notices)
            output.Note(notice);
        var state = OpenState(io);
        var deployer = new Deployer(connection.Host, state, TimeProvider.System, new DeployOptions { Parallel = parallel }, StateKey(io, settings.Host));
        return new DeploySession(connection, state, deployer, only);
    }

    /// <summary>The state file under the user's data directory (mode 0600).</summary>
    public static StateStore OpenState(CliConsole io) => StateStore.Open(Path.Combine(DataDirectory.Resolve(io.EnvironmentVariable), "state.db"));

    /// <summary>Secrets and the journal are kept per host address as the user names it (<c>sim://default</c>, <c>https://pve:8006</c>).</summary>
    public static string StateKey(CliConsole io, string? host)
    {
        var text = host ?? io.EnvironmentVariable("LXCFORGE_HOST");
        try
        {
            return HostAddress.Parse(string.IsNullOrWhiteSpace(text) ? HostAddress.Default : text).Text;
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        State.Dispose();
        await Connection.DisposeAsync();
    }
}
