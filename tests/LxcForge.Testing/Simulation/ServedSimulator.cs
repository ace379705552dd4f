using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Http;
using LxcForge.Simulator.NodeCli;

namespace LxcForge.Testing.Simulation;

/// <summary>
/// A simulated Proxmox cluster (time 1000× faster) served over real HTTPS on 127.0.0.1 with a fresh self-signed
/// certificate and fresh secrets; 401s are not delayed. The node command line (pct, pvesm, …) is served on
/// <c>/simulator/cli</c> for shims. Dispose stops the server and the cluster.
/// </summary>
public sealed class ServedSimulator : IAsyncDisposable
{
    private ServedSimulator(SimulatorCluster cluster, SimulatorServer server, SimulatorEndpoint endpoint)
    {
        Cluster = cluster;
        Server = server;
        Endpoint = endpoint;
    }

    public SimulatorCluster Cluster { get; }

    public SimulatorServer Server { get; }

    public SimulatorEndpoint Endpoint { get; }

    /// <summary>The base URL without the trailing slash, as a user types it for <c>--host</c>.</summary>
    public string HostArgument => Endpoint.BaseUrl.GetLeftPart(UriPartial.Authority);

    public static async Task<ServedSimulator> StartAsync(SimulatorServerOptions? serverOptions = null, double timeFactor = 1000)
    {
        var cluster = new SimulatorCluster(options: new SimulatorOptions { TimeFactor = timeFactor });
        var server = new SimulatorServer(
            cluster,
            (serverOptions ?? new SimulatorServerOptions()) with
            {
                UnauthorizedDelay = TimeSpan.Zero,
            },
            new NodeCommandLine(cluster, cluster)
        );
        try
        {
            return new ServedSimulator(cluster, server, await server.StartAsync());
        }
        catch
        {
            await server.DisposeAsync();
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
