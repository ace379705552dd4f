using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Hosting;
using LxcForge.Simulator.Http;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using LxcForge.Simulator.StandInScripts;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// <c>sim://NAME</c> and <c>sim://</c>: starts the simulated cluster in process, serves it on 127.0.0.1 (a free
/// port, HTTPS with its fresh certificate pinned) and connects the REST API backend to it, logged in as root@pam
/// as an admin on their own host would be; exec goes straight to the simulator's sandboxes. The same code path
/// as a real host, so what works here works there.
/// </summary>
internal static class SimulatorConnector
{
    public static async Task<HostConnection> ConnectAsync(
        HostAddress address,
        string? statePath,
        List<string> notices,
        Func<string, string?> env,
        CancellationToken cancellationToken
    )
    {
        var options = SimulatorStates.Options(env);
        var session = statePath is null ? null : SimulatorSession.Open(statePath, $"--host {address.Text}", options);
        var cluster = session?.Cluster ?? new SimulatorCluster(options: options);
        IAsyncDisposable owner = session is null ? cluster : session;
        var server = new SimulatorServer(cluster, new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero }, new NodeCommandLine(cluster, cluster));
        SimulatorEndpoint endpoint;
        try
        {
            endpoint = await server.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            await owner.DisposeAsync();
            throw;
        }

        var login = new PasswordLogin(endpoint.Credentials.UserName, endpoint.Credentials.Password);
        var connection = new ProxmoxConnectionOptions(endpoint.BaseUrl, login) { Tls = TlsPolicy.Pinned(endpoint.CertificateSha256Fingerprint!) };
        var host = new ProxmoxApiHost(connection, new SimulatorContainerExec(cluster));

        // The simulated node has no internet: its community scripts are the stand-ins, pinned in its own state
        // directory, and they run in the node's own shell with the node tools on PATH.
        var nodeShell = new SimulatorNodeShell(new NodeCommandLine(cluster, cluster), Path.Combine(cluster.StateDirectory, "node-shell"));
        return new HostConnection(host, notices, server, nodeShell, owner)
        {
            NodeShell = nodeShell,
            ScriptOrigin = new StandInScriptOrigin(),
            StateDirectory = cluster.StateDirectory,
        };
    }
}
