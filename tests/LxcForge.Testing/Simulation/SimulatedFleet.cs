using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;
using LxcForge.Core.State;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Hosting;
using LxcForge.Simulator.Http;

namespace LxcForge.Testing.Simulation;

/// <summary>
/// A simulated Proxmox host (default profile, time 1000× faster) served over HTTPS on 127.0.0.1, reached through
/// the REST API backend, with the fleet's stand-in templates already built, and a state file in memory.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private SimulatedFleet(SimulatorCluster cluster, SimulatorServer server, IContainerHost host, string hostKey)
    {
        Cluster = cluster;
        Server = server;
        Endpoint = server.Endpoint!;
        Host = host;
        HostKey = hostKey;
        HostState = new HostState(State, hostKey);
    }

    public SimulatorCluster Cluster { get; }
    public SimulatorServer Server { get; }

    /// <summary>Where the server listens (HTTPS on 127.0.0.1), its certificate and credentials.</summary>
    public SimulatorEndpoint Endpoint { get; }
    public IContainerHost Host { get; }
    public StateStore State { get; } = StateStore.InMemory();

    /// <summary>What the host says it is (its root CA): the key its state is kept under, as the CLI keeps it.</summary>
    public string HostKey { get; }

    /// <summary><see cref="State"/> scoped to this host.</summary>
    public HostState HostState { get; }

    /// <summary>Three of the fleet design's services (fewer templates to build).</summary>
    public static FleetSpec Small { get; } =
        FleetDefaults.Seed with
        {
            Templates = FleetDefaults.Seed.Templates.Where(t => t.Name is "postgresql" or "redis" or "docker").ToList(),
            Services = FleetDefaults.Seed.Services.Where(s => s.Name is "postgresql" or "redis" or "docker").ToList(),
        };

    /// <summary>The fleet design cut down to <paramref name="services"/> and their templates.</summary>
    public static FleetSpec Only(params string[] services) =>
        FleetDefaults.Seed with
        {
            Templates = FleetDefaults.Seed.Templates.Where(t => services.Contains(t.Name)).ToList(),
            Services = FleetDefaults.Seed.Services.Where(s => services.Contains(s.Name)).ToList(),
        };

    /// <summary>Short limits so a check that never passes fails the test quickly (simulated time).</summary>
    public static DeployOptions FastOptions { get; } =
        new()
        {
            Timeouts = new StepTimeouts { Check = TimeSpan.FromSeconds(30), Ready = TimeSpan.FromMinutes(2) },
        };

    /// <param name="retry">How the API backend retries transient failures (real time; default: the product's).</param>
    public static async Task<SimulatedFleet> StartAsync(FleetSpec? fleet = null, bool withTemplates = true, RetryOptions? retry = null)
    {
        var cluster = new SimulatorCluster(options: new SimulatorOptions { TimeFactor = 1000 });
        var server = new SimulatorServer(cluster, new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero });
        var endpoint = await server.StartAsync();
        var login = new PasswordLogin(endpoint.Credentials.UserName, endpoint.Credentials.Password);
        var options = new ProxmoxConnectionOptions(endpoint.BaseUrl, login)
        {
            Tls = TlsPolicy.Pinned(endpoint.CertificateSha256Fingerprint!),
            Retry = retry ?? new RetryOptions(),
        };
        var host = new ProxmoxApiHost(options, new SimulatorContainerExec(cluster));
        var result = new SimulatedFleet(cluster, server, host, await host.GetIdentityAsync());
        if (withTemplates)
            await new StandInTemplates(result.Host).BuildAsync(fleet ?? FleetDefaults.Seed);
        cluster.Faults.Reset();
        return result;
    }

    public Deployer Deployer(DeployOptions? options = null) => new(Host, HostState, Cluster.Clock, options ?? FastOptions);

    /// <summary>What Core's workflows run with here: this host, its state under the host's identity, simulated time.</summary>
    public WorkflowContext Workflow(DeployOptions? options = null) => new(Host, HostState, Cluster.Clock) { DeployOptions = options ?? FastOptions };

    /// <summary>Plans and deploys <paramref name="fleet"/> (all of it, or <paramref name="only"/>).</summary>
    public async Task<DeployResult> DeployAsync(
        FleetSpec fleet,
        DeployOptions? options = null,
        CancellationToken cancellationToken = default,
        params string[] only
    )
    {
        var deployer = Deployer(options);
        var plan = await deployer.PlanAsync(fleet, only, cancellationToken);
        return await deployer.RunAsync(fleet, plan, "deploy", cancellationToken);
    }

    /// <summary>Runs a shell command in a container (test arrangement and inspection).</summary>
    public async Task<string> ShellAsync(int vmid, string script)
    {
        var r = await Cluster.ExecAsync(vmid, ["sh", "-c", script], null, new Dictionary<string, string>());
        return r.ExitCode == 0 ? r.StandardOutput : throw new InvalidOperationException($"exec in {vmid} failed ({r.ExitCode}): {r.StandardError}");
    }

    public async ValueTask DisposeAsync()
    {
        State.Dispose();
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
