using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Tasks;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Hosting;
using LxcForge.Simulator.Http;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>
/// A simulated Proxmox cluster served over real HTTPS on 127.0.0.1 (self-signed, fingerprint pinned), with
/// time running 1000× faster, and the API backend's options tuned for tests (short retry and poll intervals).
/// </summary>
internal sealed class SimulatedPve : IAsyncDisposable
{
    private SimulatedPve(SimulatorCluster cluster, SimulatorServer server, SimulatorEndpoint endpoint)
    {
        Cluster = cluster;
        Server = server;
        Endpoint = endpoint;
    }

    public SimulatorCluster Cluster { get; }

    public SimulatorServer Server { get; }

    public SimulatorEndpoint Endpoint { get; }

    public ApiToken Token => new(Endpoint.Credentials.TokenId, Endpoint.Credentials.TokenSecret);

    public PasswordLogin RootLogin => new(Endpoint.Credentials.UserName, Endpoint.Credentials.Password);

    public static async Task<SimulatedPve> StartAsync(SimulatorServerOptions? serverOptions = null)
    {
        var cluster = new SimulatorCluster(options: new SimulatorOptions { TimeFactor = 1000 });
        var server = new SimulatorServer(cluster, (serverOptions ?? new SimulatorServerOptions()) with { UnauthorizedDelay = TimeSpan.Zero });
        var endpoint = await server.StartAsync();
        return new SimulatedPve(cluster, server, endpoint);
    }

    /// <summary>Options for a client of this simulator: pinned certificate, quick retries and polls.</summary>
    public ProxmoxConnectionOptions Options(PveCredentials? credentials = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null) =>
        new(Endpoint.BaseUrl, credentials ?? Token)
        {
            Tls = TlsPolicy.Pinned(Endpoint.CertificateSha256Fingerprint!),
            Retry = new RetryOptions { MaxAttempts = 5, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
            Tasks = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromMilliseconds(10), MaxPollInterval = TimeSpan.FromMilliseconds(100) },
            RequestTimeout = TimeSpan.FromSeconds(20),
            WrapHandler = wrap,
        };

    /// <summary>The API backend against this simulator, with the simulator's exec.</summary>
    public ProxmoxApiHost Host(PveCredentials? credentials = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null, bool withExec = true) =>
        new(Options(credentials, wrap), withExec ? new SimulatorContainerExec(Cluster) : null);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
