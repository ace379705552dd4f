using System.Text.Json.Nodes;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Deploy;

public sealed class DeployCommandSpecs
{
    [Fact]
    public async Task Demo_builds_the_templates_deploys_the_nine_services_and_prints_the_summary()
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
        run.Stdout.Should().Contain("9 deployed, 0 failed").And.Contain("10.0.30.90");
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
}
