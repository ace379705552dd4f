using System.Text.Json;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Simulator;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands;

/// <summary><c>lxcforge check</c> against simulators: in process (sim://) and over real HTTPS on loopback (https://).</summary>
public sealed class CheckCommandSpecs : IAsyncLifetime
{
    private readonly TempDir _dir = TempDir.Create();
    private ServedSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await ServedSimulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _sim.DisposeAsync();
        _dir.Dispose();
    }

    private Dictionary<string, string> Env(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string> { ["HOME"] = _dir.Path, ["XDG_DATA_HOME"] = _dir.Combine("data") };
        foreach (var (k, v) in extra)
            env[k] = v;
        return env;
    }

    private string[] Https(params string[] more) =>
        ["check", "--host", _sim.HostArgument, "--fingerprint", _sim.Endpoint.CertificateSha256Fingerprint!, .. more];

    private string TokenFile(string secret)
    {
        var path = _dir.Combine("pve.token");
        File.WriteAllText(path, $"{_sim.Endpoint.Credentials.TokenId}={secret}\n");
        return path;
    }

    /// <summary>Runs with <c>--output json</c>: the exit code, and each check as "status: detail" by name.</summary>
    private async Task<(int Code, IReadOnlyDictionary<string, string> Checks, string AllOutput)> CheckJsonAsync(
        Dictionary<string, string> env,
        params string[] args
    )
    {
        var run = await CliRun.InAsync(_dir.Path, env, [.. args, "--output", "json"]);
        using var json = JsonDocument.Parse(run.Stdout);
        var checks = json
            .RootElement.GetProperty("checks")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => $"{c.GetProperty("status").GetString()}: {c.GetProperty("detail").GetString()}");
        return (run.ExitCode, checks, run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task Without_a_host_the_persistent_simulator_is_checked_and_the_notice_says_so()
    {
        // Act
        var run = await CliRun.InAsync(_dir.Path, Env(), "check");

        // Assert
        run.ExitCode.Should().Be(0, run.Stdout + run.Stderr);
        run.Stderr.Should().Contain("no --host given").And.Contain("sim://default").And.Contain(_dir.Combine("data", "lxcforge", "sim", "default"));
        run.Stdout.Should().Contain("storage local-lvm (service store)").And.Contain("bridge vmbr2").And.Contain("privileges");
        run.Stdout.Should().NotContain("FAIL");
        run.Stdout.Should().Contain("all checks passed");
    }

    [Fact]
    public async Task The_json_report_lists_every_check_with_its_status()
    {
        // Act
        var run = await CliRun.InAsync(_dir.Path, Env(), "check", "--host", "sim://", "--output", "json");

        // Assert
        run.ExitCode.Should().Be(0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        checks
            .Select(c => c.GetProperty("name").GetString())
            .Should()
            .Contain([
                "host",
                "node pve",
                "storage local-hdd (template store)",
                "storage local-hdd (backup store)",
                "storage local (OS-template store)",
                "addresses",
            ]);
        checks.Should().OnlyContain(c => c.GetProperty("status").GetString() != "fail");
    }

    [Fact]
    public async Task A_token_without_ssh_fails_the_exec_and_root_only_feature_checks_with_what_to_do()
    {
        // Act
        var (code, checks, output) = await CheckJsonAsync(Env(), Https("--token-file", TokenFile(_sim.Endpoint.Credentials.TokenSecret)));

        // Assert
        code.Should().Be(1);
        checks["host"].Should().StartWith("pass");
        checks["exec"].Should().StartWith("fail").And.Contain("--ssh root@HOST");
        checks["privileges"].Should().StartWith("fail").And.Contain("docker").And.Contain("root@pam");
        output.Should().NotContain(_sim.Endpoint.Credentials.TokenSecret);
    }

    [Fact]
    public async Task A_foreign_container_on_a_spec_ctid_and_a_taken_address_fail_the_check()
    {
        // Arrange: someone else's container at 200 with Redis's address, made straight in the cluster
        var upid = await _sim.Cluster.CallAsync(
            ApiRequest.Post(
                "/nodes/pve/lxc",
                new Dictionary<string, string>
                {
                    ["vmid"] = "200",
                    ["ostemplate"] = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst",
                    ["storage"] = "local-lvm",
                    ["hostname"] = "someone-elses",
                    ["net0"] = "name=eth0,bridge=vmbr2,ip=10.0.30.20/24",
                }
            )
        );
        await _sim.Cluster.WaitForTaskAsync(upid!.ToString(), TimeSpan.FromSeconds(30));

        // Act: a root@pam password login, from the environment
        var (code, checks, output) = await CheckJsonAsync(Env(("PVE_PASSWORD", _sim.Endpoint.Credentials.Password)), Https("--user", "root@pam"));

        // Assert
        code.Should().Be(1);
        checks["service CTIDs 200-299"].Should().StartWith("fail").And.Contain("CT 200 (someone-elses) is not LxcForge's");
        checks["addresses"].Should().StartWith("fail").And.Contain("10.0.30.20").And.Contain("CT 200");
        checks["privileges"].Should().StartWith("pass");
        output.Should().NotContain(_sim.Endpoint.Credentials.Password);
    }

    [Fact]
    public async Task A_bad_token_exits_3_with_a_clear_message_and_never_prints_the_secret()
    {
        // Arrange
        const string Wrong = "4d3c2b1a-dead-beef-0000-000000000000";

        // Act
        var (code, checks, output) = await CheckJsonAsync(Env(("PVE_TOKEN", $"{_sim.Endpoint.Credentials.TokenId}={Wrong}")), Https());

        // Assert
        code.Should().Be(3);
        checks["host"].Should().StartWith("fail").And.Contain("refused our credentials");
        checks.Should().HaveCount(1, "nothing else is tried once the host refuses us");
        output.Should().NotContain(Wrong).And.NotContain(_sim.Endpoint.Credentials.TokenSecret);
    }

    [Fact]
    public async Task A_certificate_that_does_not_match_the_fingerprint_exits_3()
    {
        // Act
        var (code, checks, _) = await CheckJsonAsync(
            Env(("PVE_TOKEN", $"{_sim.Endpoint.Credentials.TokenId}={_sim.Endpoint.Credentials.TokenSecret}")),
            "check",
            "--host",
            _sim.HostArgument,
            "--fingerprint",
            string.Join(':', Enumerable.Repeat("00", 32))
        );

        // Assert
        code.Should().Be(3);
        checks["host"].Should().StartWith("fail").And.Contain("does not match the pinned");
    }

    [Fact]
    public async Task Skipping_tls_verification_works_only_by_name_and_warns_loudly()
    {
        // Act
        var (_, checks, output) = await CheckJsonAsync(
            Env(("PVE_PASSWORD", _sim.Endpoint.Credentials.Password)),
            "check",
            "--host",
            _sim.HostArgument,
            "--user",
            "root@pam",
            "--insecure-skip-tls-verify"
        );

        // Assert
        output.Should().Contain("WARNING: --insecure-skip-tls-verify");
        checks["host"].Should().StartWith("pass");
    }

    [Theory]
    [InlineData("--token", "root@pam!x=secret")]
    [InlineData("--password", "secret")]
    public async Task Secrets_cannot_be_given_on_the_command_line(string option, string value)
    {
        // Act
        var run = await CliRun.InAsync(_dir.Path, Env(), "check", "--host", _sim.HostArgument, option, value);

        // Assert
        run.ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task An_https_host_without_credentials_says_where_they_come_from()
    {
        // Act
        var run = await CliRun.InAsync(_dir.Path, Env(), Https());

        // Assert
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--token-file").And.Contain("PVE_TOKEN");
    }
}
