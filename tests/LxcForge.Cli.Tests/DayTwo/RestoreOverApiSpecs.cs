using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Simulator.Http;
using LxcForge.Simulator.NodeCli;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Ssh;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.DayTwo;

/// <summary>
/// Every host command honours every connection option: deploy, backup and restore over the REST API
/// (<c>--token-file</c>, <c>--fingerprint</c>) with exec over <c>--ssh</c> (key, known_hosts), against one simulated
/// cluster served over HTTPS for the API and through a real sshd for its node shell. Restore once ignored all of them.
/// </summary>
public sealed class RestoreOverApiSpecs(RestoreOverApiSpecs.Node node) : IClassFixture<RestoreOverApiSpecs.Node>, IDisposable
{
    private readonly TempDir _dir = TempDir.Create();

    public void Dispose() => _dir.Dispose();

    private Task<CliRun> RunAsync(string hostName, params string[] args)
    {
        var tokenFile = _dir.Combine("pve.token");
        File.WriteAllText(tokenFile, $"{node.Api.Credentials.TokenId}={node.Api.Credentials.TokenSecret}\n");
        return CliRun.InAsync(
            _dir.Path,
            new Dictionary<string, string> { ["HOME"] = _dir.Path, ["XDG_DATA_HOME"] = _dir.Combine("data") },
            [
                .. args,
                "--host",
                $"https://{hostName}:{node.Api.BaseUrl.Port}",
                "--fingerprint",
                node.Api.CertificateSha256Fingerprint!,
                "--token-file",
                tokenFile,
                "--ssh",
                $"{node.Sshd.User}@127.0.0.1:{node.Sshd.Port}",
                "--ssh-key",
                node.Sshd.UserKeyFile,
                "--known-hosts",
                _dir.Combine("known_hosts"),
                "--accept-new-host-key",
            ]
        );
    }

    [SshdFact]
    public async Task Restore_over_the_api_with_ssh_exec_takes_every_connection_option_and_finds_the_state_under_either_name()
    {
        // Arrange: redis deployed and backed up through 127.0.0.1, then its data changed.
        var deploy = await RunAsync("127.0.0.1", "deploy", "redis");
        deploy.ExitCode.Should().Be(0, deploy.Stdout + deploy.Stderr);
        await node.ShellAsync(201, "echo 'before the backup' > /root/data.txt");
        var backup = await RunAsync("127.0.0.1", "backup", "redis");
        backup.ExitCode.Should().Be(0, backup.Stdout + backup.Stderr);
        await node.ShellAsync(201, "echo 'after the backup' > /root/data.txt");

        // Act: restored through the other name of the same host.
        var restore = await RunAsync("localhost", "restore", "redis", "--force", "--yes");

        // Assert
        restore.ExitCode.Should().Be(0, restore.Stdout + restore.Stderr);
        restore.Stderr.Should().NotContain("needs credentials");
        (await node.ShellAsync(201, "cat /root/data.txt")).Should().Be("before the backup\n");
        var secrets = await RunAsync("localhost", "secrets", "show", "redis", "--output", "json");
        secrets.ExitCode.Should().Be(0, "the secrets deploy made through 127.0.0.1 are this host's: " + secrets.Stderr);
    }

    /// <summary>One simulated cluster: its node shell behind a real sshd (shims over plain HTTP), its REST API over HTTPS.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private ServedSimulator? _simulator;
        private NodeShims? _shims;
        private SshdServer? _sshd;
        private SimulatorServer? _api;

        public SshdServer Sshd =>
            _sshd ?? throw new InvalidOperationException(SshdServer.UnavailableReason ?? NodeShims.UnavailableReason ?? "sshd did not start");

        public SimulatorEndpoint Api => _api?.Endpoint ?? throw new InvalidOperationException("the API server did not start");

        public async Task<string> ShellAsync(int vmid, string script)
        {
            var r = await _simulator!.Cluster.ExecAsync(vmid, ["sh", "-c", script], null, new Dictionary<string, string>());
            return r.ExitCode == 0 ? r.StandardOutput : throw new InvalidOperationException($"exec in {vmid} failed ({r.ExitCode}): {r.StandardError}");
        }

        public async Task InitializeAsync()
        {
            if (SshdServer.UnavailableReason is not null || NodeShims.UnavailableReason is not null)
                return;
            _simulator = await ServedSimulator.StartAsync(new SimulatorServerOptions { Https = false });
            _api = await StartApiAsync(_simulator.Cluster);
            _shims = NodeShims.Write(_simulator);
            _sshd = await SshdServer.StartAsync(pathPrefix: _shims.Directory);

            // The redis template, as templates create would leave it (its stand-in).
            var login = new PasswordLogin(Api.Credentials.UserName, Api.Credentials.Password);
            await using var host = new ProxmoxApiHost(
                new ProxmoxConnectionOptions(Api.BaseUrl, login) { Tls = TlsPolicy.Pinned(Api.CertificateSha256Fingerprint!) },
                new Simulator.Hosting.SimulatorContainerExec(_simulator.Cluster)
            );
            await new StandInTemplates(host).BuildAsync(
                FleetDefaults.Seed with
                {
                    Templates = [FleetDefaults.Seed.FindTemplate("redis")!],
                    Services = [FleetDefaults.Seed.FindService("redis")!],
                }
            );
        }

        // A second server over the same cluster: HTTPS, for the REST API backend.
        private static async Task<SimulatorServer> StartApiAsync(Simulator.Engine.SimulatorCluster cluster)
        {
            var server = new SimulatorServer(cluster, new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero }, new NodeCommandLine(cluster, cluster));
            try
            {
                await server.StartAsync();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (_sshd is not null)
                await _sshd.DisposeAsync();
            _shims?.Dispose();
            if (_api is not null)
                await _api.DisposeAsync();
            if (_simulator is not null)
                await _simulator.DisposeAsync();
        }
    }
}
