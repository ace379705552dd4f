using LxcForge.Proxmox.Shell;
using LxcForge.Proxmox.Shell.Runners;
using LxcForge.Proxmox.Shell.Ssh;
using LxcForge.Simulator.Http;
using LxcForge.Testing.Contract;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Ssh;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>
/// A simulated Proxmox node reached the way a real one is: the simulator served on 127.0.0.1, its node command
/// line on a PATH as shims, and the shell backend running them as processes, locally or through a real sshd.
/// Every command crossing the runner is kept in <see cref="Transcript"/>.
/// </summary>
internal sealed class SimulatedShellNode : IAsyncDisposable
{
    private SimulatedShellNode(ServedSimulator simulator, NodeShims shims, SshdServer? sshd, CommandTranscript transcript)
    {
        Simulator = simulator;
        Shims = shims;
        Sshd = sshd;
        Transcript = transcript;
        Host = new PctShellHost(transcript);
    }

    public ServedSimulator Simulator { get; }

    public NodeShims Shims { get; }

    public SshdServer? Sshd { get; }

    public CommandTranscript Transcript { get; }

    public PctShellHost Host { get; }

    /// <summary>The shims run as child processes of the test (<c>--host local</c>).</summary>
    public static Task<SimulatedShellNode> StartLocalAsync() => StartAsync(async (shims, _) => (new LocalCommandRunner(extraPath: shims.Directory), null));

    /// <summary>The shims run in SSH sessions of a real sshd on 127.0.0.1, with host-key checking on (<c>--host ssh://…</c>).</summary>
    public static Task<SimulatedShellNode> StartOverSshAsync() =>
        StartAsync(
            async (shims, _) =>
            {
                var sshd = await SshdServer.StartAsync(pathPrefix: shims.Directory);
                var target = new SshTarget(sshd.Host, sshd.User, sshd.Port) { IdentityFiles = [sshd.UserKeyFile], KnownHostsFile = sshd.KnownHostsFile };
                return (new SshCommandRunner(target), sshd);
            }
        );

    public ContractTarget ToContractTarget() => new(Host, new ContractEnvironment(), new SimulatorView(Simulator.Cluster), this);

    /// <summary>Everything captured: the transcript, and sshd's log when there is one.</summary>
    public IEnumerable<string> CapturedText() => Sshd is null ? Transcript.Entries : [.. Transcript.Entries, Sshd.Log];

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Sshd is not null)
            await Sshd.DisposeAsync();
        Shims.Dispose();
        await Simulator.DisposeAsync();
    }

    private static async Task<SimulatedShellNode> StartAsync(Func<NodeShims, ServedSimulator, Task<(ICommandRunner Runner, SshdServer? Sshd)>> connect)
    {
        if (NodeShims.UnavailableReason is { } reason)
            throw new InvalidOperationException(reason);
        var simulator = await ServedSimulator.StartAsync(new SimulatorServerOptions { Https = false });
        var shims = NodeShims.Write(simulator);
        try
        {
            var (runner, sshd) = await connect(shims, simulator);
            return new SimulatedShellNode(simulator, shims, sshd, new CommandTranscript(runner));
        }
        catch
        {
            shims.Dispose();
            await simulator.DisposeAsync();
            throw;
        }
    }
}
