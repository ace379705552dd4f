using System.Text.Json.Nodes;
using LxcForge.Cli.Tests.Deploy;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Core.State;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Hosting;

/// <summary>
/// State (journal, secrets, configured marks) is kept under what the host says it is, not under the address typed:
/// one served simulator reached as https://127.0.0.1:P and as https://localhost:P is one host; another simulator is another.
/// </summary>
public sealed class HostIdentitySpecs : IAsyncLifetime
{
    private static readonly FleetSpec RedisTemplate = FleetDefaults.Seed with
    {
        Templates = [FleetDefaults.Seed.FindTemplate("redis")!],
        Services = [FleetDefaults.Seed.FindService("redis")!],
    };

    private readonly TempDir _dir = TempDir.Create();
    private SimulatedFleet _sim = null!;

    public async Task InitializeAsync()
    {
        // Arrange (shared): redis deployed on the served simulator, its state in the state file the CLI reads.
        _sim = await SimulatedFleet.StartAsync(RedisTemplate);
        using var store = StateStore.Open(StatePath);
        var deployer = new Core.Execution.Deployer(_sim.Host, new HostState(store, _sim.HostKey), _sim.Cluster.Clock, SimulatedFleet.FastOptions);
        var result = await deployer.RunAsync(FleetDefaults.Seed, await deployer.PlanAsync(FleetDefaults.Seed, ["redis"]), "deploy redis");
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Outcomes.Select(o => o.Error)));
    }

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        _dir.Dispose();
    }

    private string StatePath => Path.Combine(Directory.CreateDirectory(_dir.Combine("data", "lxcforge")).FullName, "state.db");

    private Task<CliRun> RunAsync(string host, SimulatorEndpointArgs endpoint, params string[] args)
    {
        var tokenFile = _dir.Combine("token-" + Path.GetRandomFileName());
        File.WriteAllText(tokenFile, $"{endpoint.TokenId}={endpoint.TokenSecret}\n");
        return CliRun.InAsync(
            _dir.Path,
            new Dictionary<string, string> { ["HOME"] = _dir.Path, ["XDG_DATA_HOME"] = _dir.Combine("data") },
            [.. args, "--host", host, "--fingerprint", endpoint.Fingerprint, "--token-file", tokenFile, "--output", "json"]
        );
    }

    private SimulatorEndpointArgs Served =>
        new(_sim.Endpoint.CertificateSha256Fingerprint!, _sim.Endpoint.Credentials.TokenId, _sim.Endpoint.Credentials.TokenSecret);

    private string At(string hostName) => $"https://{hostName}:{_sim.Endpoint.BaseUrl.Port}";

    [Fact]
    public async Task One_host_reached_by_two_names_shares_its_secrets_and_configured_marks()
    {
        // Act
        var byAddress = await RunAsync(At("127.0.0.1"), Served, "secrets", "show", "redis");
        var byName = await RunAsync(At("localhost"), Served, "secrets", "show", "redis");
        var plan = await RunAsync(At("localhost"), Served, "plan", "redis");

        // Assert
        byAddress.ExitCode.Should().Be(0, byAddress.Stderr);
        byName.ExitCode.Should().Be(0, byName.Stderr);
        JsonNode.Parse(byName.Stdout)!["secrets"]!
            .ToJsonString()
            .Should()
            .Be(JsonNode.Parse(byAddress.Stdout)!["secrets"]!.ToJsonString())
            .And.Contain("\"root\"");
        plan.ExitCode.Should().Be(0, plan.Stderr);
        JsonNode.Parse(plan.Stdout)!["items"]!
            .AsArray()
            .Select(i => (string?)i!["action"])
            .Should()
            .Equal(["none"], "the configured mark written under the host's identity is found whatever name reaches it");
    }

    [Fact]
    public async Task Another_host_does_not_see_this_hosts_secrets()
    {
        // Arrange
        await using var other = await ServedSimulator.StartAsync();
        var endpoint = new SimulatorEndpointArgs(
            other.Endpoint.CertificateSha256Fingerprint!,
            other.Endpoint.Credentials.TokenId,
            other.Endpoint.Credentials.TokenSecret
        );

        // Act
        var run = await RunAsync(other.HostArgument, endpoint, "secrets", "show", "redis");

        // Assert
        run.ExitCode.Should().NotBe(0);
        run.Stderr.Should().Contain("no secrets for 'redis'");
        _sim.Cluster.RootCaFingerprint.Should().NotBe(other.Cluster.RootCaFingerprint);
    }

    private sealed record SimulatorEndpointArgs(string Fingerprint, string TokenId, string TokenSecret);
}
