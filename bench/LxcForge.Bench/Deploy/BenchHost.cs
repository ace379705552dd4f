using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Hosting;
using LxcForge.Simulator.Http;

namespace LxcForge.Bench.Deploy;

/// <summary>A fresh default-profile simulator served on 127.0.0.1 and reached through the REST API backend, as <c>--host sim://</c> is.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(SimulatorCluster cluster, SimulatorServer server, IContainerHost host)
    {
        Cluster = cluster;
        Server = server;
        Host = host;
    }

    public SimulatorCluster Cluster { get; }
    public SimulatorServer Server { get; }
    public IContainerHost Host { get; }

    public static async Task<BenchHost> StartAsync(double speed)
    {
        var cluster = new SimulatorCluster(options: new SimulatorOptions { TimeFactor = speed });
        var server = new SimulatorServer(cluster, new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero });
        var endpoint = await server.StartAsync();
        var options = new ProxmoxConnectionOptions(endpoint.BaseUrl, new PasswordLogin(endpoint.Credentials.UserName, endpoint.Credentials.Password))
        {
            Tls = TlsPolicy.Pinned(endpoint.CertificateSha256Fingerprint!),
            Time = cluster.Clock, // polls on the clock the tasks run on, as against a real host
        };
        return new BenchHost(cluster, server, new ProxmoxApiHost(options, new SimulatorContainerExec(cluster)));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
