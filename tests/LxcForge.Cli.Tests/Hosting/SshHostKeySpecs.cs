using System.Diagnostics;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Http;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Ssh;
using LxcForge.Testing.Utils;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Hosting;

/// <summary>
/// <c>--ssh-key</c>, <c>--known-hosts</c> and <c>--accept-new-host-key</c> through the CLI against a real sshd on
/// 127.0.0.1 whose sessions run the simulator's node command line: an unknown host key is refused (exit 3, with its
/// fingerprint and the flag that trusts it), accepting it records it in the known_hosts file, a changed key is refused.
/// </summary>
public sealed class SshHostKeySpecs(SshHostKeySpecs.Node node) : IClassFixture<SshHostKeySpecs.Node>, IDisposable
{
    private readonly TempDir _dir = TempDir.Create();

    public void Dispose() => _dir.Dispose();

    private string SshHost => $"ssh://{node.Sshd.User}@127.0.0.1:{node.Sshd.Port}";

    private string HostToken => $"[127.0.0.1]:{node.Sshd.Port}";

    private Task<CliRun> CheckAsync(string knownHosts, params string[] more) =>
        CliRun.InAsync(
            _dir.Path,
            new Dictionary<string, string> { ["HOME"] = _dir.Path, ["XDG_DATA_HOME"] = _dir.Combine("data") },
            ["check", "--host", SshHost, "--ssh-key", node.Sshd.UserKeyFile, "--known-hosts", knownHosts, .. more]
        );

    [SshdFact]
    public async Task An_unknown_host_key_is_refused_with_its_fingerprint_and_the_flag_that_trusts_it()
    {
        // Arrange
        var knownHosts = _dir.Combine("known_hosts");

        // Act
        var run = await CheckAsync(knownHosts);

        // Assert
        run.ExitCode.Should().Be(ExitCodes.HostUnreachable, run.Stdout + run.Stderr);
        (run.Stdout + run.Stderr).Should().Contain(await node.HostKeyFingerprintAsync()).And.Contain("--accept-new-host-key").And.Contain(knownHosts);
        File.Exists(knownHosts).Should().BeFalse("nothing is recorded without the user's opt-in");
    }

    [SshdFact]
    public async Task Accepting_a_new_host_key_records_it_so_that_openssh_and_the_next_run_trust_it()
    {
        // Arrange
        var knownHosts = _dir.Combine("fresh", "known_hosts");

        // Act
        var first = await CheckAsync(knownHosts, "--accept-new-host-key");
        var second = await CheckAsync(knownHosts);

        // Assert
        first.ExitCode.Should().Be(ExitCodes.Ok, first.Stdout + first.Stderr);
        first.Stdout.Should().Contain("all checks passed").And.Contain("host");
        second.ExitCode.Should().Be(ExitCodes.Ok, second.Stdout + second.Stderr);
        var hostKey = node.Sshd.HostPublicKey.Split(' ');
        (await File.ReadAllLinesAsync(knownHosts)).Should().Equal($"{HostToken} {hostKey[0]} {hostKey[1]}");
        (await RunAsync("ssh-keygen", "-F", HostToken, "-f", knownHosts)).ExitCode.Should().Be(0, "OpenSSH reads the recorded line as this host's key");
    }

    [SshdFact]
    public async Task A_changed_host_key_is_refused_even_with_accept_new_and_the_file_is_left_as_it_was()
    {
        // Arrange: the file vouches for another key under this host's name.
        var knownHosts = _dir.Combine("known_hosts");
        var other = (await File.ReadAllTextAsync(node.Sshd.UserKeyFile + ".pub")).Split(' ');
        var recorded = $"{HostToken} {other[0]} {other[1]}\n";
        await File.WriteAllTextAsync(knownHosts, recorded);

        // Act
        var run = await CheckAsync(knownHosts, "--accept-new-host-key");

        // Assert
        run.ExitCode.Should().Be(ExitCodes.HostUnreachable, run.Stdout + run.Stderr);
        (run.Stdout + run.Stderr).Should().Contain("CHANGED").And.Contain(await node.HostKeyFingerprintAsync());
        (await File.ReadAllTextAsync(knownHosts)).Should().Be(recorded);
    }

    [SshdFact]
    public async Task Ssh_options_on_a_host_that_is_not_reached_over_ssh_are_refused()
    {
        // Act
        var run = await CliRun.InAsync(
            _dir.Path,
            new Dictionary<string, string> { ["HOME"] = _dir.Path, ["XDG_DATA_HOME"] = _dir.Combine("data") },
            "check",
            "--host",
            "sim://",
            "--accept-new-host-key"
        );

        // Assert
        run.ExitCode.Should().NotBe(ExitCodes.Ok);
        run.Stderr.Should().Contain("--accept-new-host-key").And.Contain("sim://");
    }

    [SshdFact]
    public async Task Beside_an_https_host_the_ssh_exec_channel_takes_the_same_key_and_known_hosts_options()
    {
        // Arrange: the REST API of one simulator, and --ssh to the node whose command line the sshd serves.
        await using var api = await ServedSimulator.StartAsync();
        var tokenFile = _dir.Combine("pve.token");
        await File.WriteAllTextAsync(tokenFile, $"{api.Endpoint.Credentials.TokenId}={api.Endpoint.Credentials.TokenSecret}\n");
        var knownHosts = _dir.Combine("known_hosts");
        var io = new CliConsole(new TestConsole(), new TestConsole(), _dir.Path)
        {
            EnvironmentVariable = n => n == "XDG_DATA_HOME" ? _dir.Combine("data") : null,
        };
        HostSettings Settings(bool acceptNew) =>
            new()
            {
                Host = api.HostArgument,
                Fingerprint = api.Endpoint.CertificateSha256Fingerprint,
                TokenFile = tokenFile,
                Ssh = $"{node.Sshd.User}@127.0.0.1:{node.Sshd.Port}",
                SshKeys = [node.Sshd.UserKeyFile],
                KnownHosts = knownHosts,
                AcceptNewHostKey = acceptNew,
            };
        var script = new NodeScript("pveversion") { Timeout = TimeSpan.FromSeconds(30) };

        // Act
        await using var refused = await new HostFactory(io).ConnectAsync(Settings(acceptNew: false));
        var refusal = await FluentActions.Awaiting(() => refused.NodeShell!.RunScriptAsync("pve", script)).Should().ThrowAsync<HostException>();
        await using var accepted = await new HostFactory(io).ConnectAsync(Settings(acceptNew: true));
        var version = await accepted.NodeShell!.RunScriptAsync("pve", script);

        // Assert
        accepted.Host.Capabilities.Exec.Should().BeTrue();
        refusal.Which.Message.Should().Contain("--accept-new-host-key");
        version.ExitCode.Should().Be(0, version.StandardError);
        version.StandardOutput.Should().Contain("pve-manager");
        (await File.ReadAllTextAsync(knownHosts)).Should().StartWith(HostToken + " ssh-ed25519 ");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>A served simulator (plain HTTP on loopback, for the shims' curl) and a real sshd whose sessions have its shims first on PATH.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private ServedSimulator? _simulator;
        private NodeShims? _shims;
        private SshdServer? _sshd;

        public SshdServer Sshd =>
            _sshd ?? throw new InvalidOperationException(SshdServer.UnavailableReason ?? NodeShims.UnavailableReason ?? "sshd did not start");

        /// <summary>The host key's fingerprint as OpenSSH prints it (<c>SHA256:…</c>), from ssh-keygen rather than LxcForge's own code.</summary>
        public async Task<string> HostKeyFingerprintAsync()
        {
            var (code, output) = await RunAsync("ssh-keygen", "-lf", Path.Combine(Sshd.Directory, "host_ed25519.pub"));
            code.Should().Be(0, output);
            return output.Split(' ')[1];
        }

        public async Task InitializeAsync()
        {
            if (SshdServer.UnavailableReason is not null || NodeShims.UnavailableReason is not null)
                return; // the [SshdFact] tests skip, or fail naming what is missing
            _simulator = await ServedSimulator.StartAsync(new SimulatorServerOptions { Https = false });
            _shims = NodeShims.Write(_simulator);
            _sshd = await SshdServer.StartAsync(pathPrefix: _shims.Directory);
        }

        public async Task DisposeAsync()
        {
            if (_sshd is not null)
                await _sshd.DisposeAsync();
            _shims?.Dispose();
            if (_simulator is not null)
                await _simulator.DisposeAsync();
        }
    }
}
