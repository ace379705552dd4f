using System.Text.Json.Nodes;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Catalog;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Deploy;

public sealed class DeployCommandSpecs
{
    [Fact]
    public async Task Demo_builds_the_templates_deploys_every_built_in_service_and_prints_the_summary()
    {
        // Arrange
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data") };

        // Act
        // A kept simulator: secrets belong to the host that has them, and every fresh sim:// is another host.
        var run = await CliRun.InAsync(dir.Path, env, "demo", "--host", "sim://demo");
        var secrets = await CliRun.InAsync(dir.Path, env, "secrets", "show", "redis", "--host", "sim://demo", "--output", "json");

        // Assert
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain($"{ServiceRegistry.All.Count} deployed, 0 failed").And.Contain(ServiceRegistry.All[^1].Definition.ServiceIp);
        secrets.ExitCode.Should().Be(0, secrets.Stderr);
        JsonNode.Parse(secrets.Stdout)!["secrets"]!["password"]!.GetValue<string>().Should().MatchRegex("^[A-Za-z0-9]{32}$");
        run.Stdout.Should().NotContain(JsonNode.Parse(secrets.Stdout)!["secrets"]!["password"]!.GetValue<string>());
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(dir.Combine("data", "lxcforge", "state.db")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Plan_on_a_host_without_templates_names_the_command_that_builds_them_as_json()
    {
        // Arrange
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data") };

        // Act
        var run = await CliRun.InAsync(dir.Path, env, "plan", "redis", "--host", "sim://", "--output", "json");

        // Assert
        run.ExitCode.Should().Be(1);
        var item = JsonNode.Parse(run.Stdout)!["items"]!.AsArray().Should().ContainSingle().Subject!;
        item["action"]!.GetValue<string>().Should().Be("error");
        item["error"]!.GetValue<string>().Should().Contain("lxcforge templates create redis");
    }

    [Fact]
    public async Task Deploy_without_services_or_all_is_a_usage_error()
    {
        // Arrange
        using var dir = TempDir.Create();

        // Act
        var run = await CliRun.InAsync(dir.Path, "deploy", "--host", "sim://");

        // Assert
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--all");
    }

    [Fact]
    public async Task A_host_unreachable_from_the_start_exits_3_naming_it()
    {
        // Arrange: a loopback port nothing listens on.
        using var dir = TempDir.Create();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data"), ["PVE_TOKEN"] = "root@pam!t=4d3c2b1a-dead-beef-0000-000000000000" };

        // Act
        var run = await CliRun.InAsync(
            dir.Path,
            env,
            "deploy",
            "redis",
            "--host",
            $"https://127.0.0.1:{port}",
            "--fingerprint",
            string.Join(':', Enumerable.Repeat("00", 32))
        );

        // Assert
        run.ExitCode.Should().Be(3, run.Stdout + run.Stderr);
        run.Stderr.Should().Contain($"127.0.0.1:{port}");
    }
}
