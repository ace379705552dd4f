using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Tasks;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Hosting;
using LxcForge.Simulator.Http;
using LxcForge.Testing.Simulation;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>A <see cref="ServedSimulator"/> plus API-backend clients of it, tuned for tests (pinned certificate, short retry and poll intervals).</summary>
internal sealed class SimulatedPve(ServedSimulator served) : IAsyncDisposable
{
    public SimulatorCluster Cluster => served.Cluster;

    public SimulatorServer Server => served.Server;

    public SimulatorEndpoint Endpoint => served.Endpoint;

    public ApiToken Token => new(Endpoint.Credentials.TokenId, Endpoint.Credentials.TokenSecret);

    public PasswordLogin RootLogin => new(Endpoint.Credentials.UserName, Endpoint.Credentials.Password);

    public static async Task<SimulatedPve> StartAsync() => new(await ServedSimulator.StartAsync());

    /// <summary>Options for a client of this simulator: pinned certificate, quick retries and polls.</summary>
    public ProxmoxConnectionOptions Options(PveCredentials? credentials = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null) =>
        new(Endpoint.BaseUrl, credentials ?? Token)
        {
            Tls = TlsPolicy.Pinned(Endpoint.CertificateSha256Fingerprint!),
            Retry = new RetryOptions
            {
                MaxAttempts = 5,
                InitialDelay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromMilliseconds(200),
            },
            Tasks = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromMilliseconds(10), MaxPollInterval = TimeSpan.FromMilliseconds(100) },
            RequestTimeout = TimeSpan.FromSeconds(20),
            WrapHandler = wrap,
        };

    /// <summary>The API backend against this simulator, with the simulator's exec.</summary>
    public ProxmoxApiHost Host(PveCredentials? credentials = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null, bool withExec = true) =>
        new(Options(credentials, wrap), withExec ? new SimulatorContainerExec(Cluster) : null);

    public ValueTask DisposeAsync() => served.DisposeAsync();
}
