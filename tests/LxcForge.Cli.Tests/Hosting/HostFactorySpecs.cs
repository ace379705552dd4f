using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Testing.Utils;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Hosting;

public sealed class HostFactorySpecs : IDisposable
{
    private readonly TempDir _dir = TempDir.Create();

    public void Dispose() => _dir.Dispose();

    private HostFactory Factory(params (string Key, string Value)[] env)
    {
        var vars = env.ToDictionary(e => e.Key, e => e.Value);
        vars.TryAdd("XDG_DATA_HOME", _dir.Combine("data"));
        return new HostFactory(new CliConsole(new TestConsole(), new TestConsole(), _dir.Path) { EnvironmentVariable = n => vars.GetValueOrDefault(n) });
    }

    [Fact]
    public async Task A_fresh_simulator_is_reached_through_the_api_backend_as_root_at_pam_with_exec_and_stand_in_scripts()
    {
        // Act
        await using var connection = await Factory().ConnectAsync(new HostSettings { Host = "sim://" });
        var info = await connection.Host.GetInfoAsync();

        // Assert
        connection.Host.Description.Should().StartWith("pve-api https://127.0.0.1:").And.Contain("as root@pam");
        connection.Host.Capabilities.IsRootAtPam.Should().BeTrue();
        connection.Host.Capabilities.Exec.Should().BeTrue();
        connection.ScriptOrigin!.IsStandIn.Should().BeTrue();
        connection.StateDirectory.Should().NotBeNull();
        info.Nodes.Select(n => n.Name).Should().Equal("pve");
        connection.Notices.Should().BeEmpty();
    }

    [Fact]
    public async Task A_named_simulator_keeps_its_containers_between_runs()
    {
        // Arrange
        await using (var first = await Factory().ConnectAsync(new HostSettings { Host = "sim://lab" }))
        {
            await first.Host.CreateAsync(
                new CreateContainerRequest(300, "pve", "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "local-lvm")
                {
                    Options = new Dictionary<string, string> { ["hostname"] = "kept", ["rootfs"] = "local-lvm:1" },
                }
            );
        }

        // Act
        await using var second = await Factory().ConnectAsync(new HostSettings { Host = "sim://lab" });
        var kept = await second.Host.GetContainerAsync(300);

        // Assert
        kept!.Config.Hostname.Should().Be("kept");
        File.Exists(_dir.Combine("data", "lxcforge", "sim", "lab.json")).Should().BeTrue();
    }

    [Fact]
    public async Task A_named_simulator_in_use_by_another_run_is_refused()
    {
        // Arrange
        await using var first = await Factory().ConnectAsync(new HostSettings { Host = "sim://busy" });

        // Act
        var second = () => Factory().ConnectAsync(new HostSettings { Host = "sim://busy" });

        // Assert
        var error = (await second.Should().ThrowAsync<CliException>()).Which;
        error.Message.Should().Contain("another lxcforge is using");
        error.ExitCode.Should().Be(ExitCodes.HostUnreachable);
    }

    [Fact]
    public async Task An_unreadable_simulator_state_is_refused_and_left_as_it_was()
    {
        // Arrange
        var path = _dir.Combine("data", "lxcforge", "sim", "broken.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "{ not json");

        // Act
        var connect = () => Factory().ConnectAsync(new HostSettings { Host = "sim://broken" });

        // Assert
        (await connect.Should().ThrowAsync<CliException>()).Which.Message.Should().Contain("broken.json").And.Contain("move the file away");
        (await File.ReadAllTextAsync(path)).Should().Be("{ not json");
    }

    [Fact]
    public async Task LXCFORGE_HOST_stands_in_for_a_missing_host_option()
    {
        // Act
        await using var connection = await Factory(("LXCFORGE_HOST", "sim://")).ConnectAsync(new HostSettings());

        // Assert
        connection.Notices.Should().BeEmpty("the user chose the host, so there is nothing to explain");
        connection.Host.Description.Should().StartWith("pve-api");
    }

    [Theory]
    [InlineData("--token-file")]
    [InlineData("--fingerprint")]
    [InlineData("--ssh")]
    public async Task Api_options_on_another_kind_of_host_are_refused(string option)
    {
        // Arrange
        var settings = option switch
        {
            "--token-file" => new HostSettings { Host = "sim://", TokenFile = "t" },
            "--fingerprint" => new HostSettings { Host = "local", Fingerprint = "AB" },
            _ => new HostSettings { Host = "sim://lab", Ssh = "root@pve" },
        };

        // Act
        var connect = () => Factory().ConnectAsync(settings);

        // Assert
        (await connect.Should().ThrowAsync<CliException>()).Which.Message.Should().Contain(option).And.Contain("https://");
    }

    [Fact]
    public async Task A_malformed_token_in_the_environment_is_refused_without_echoing_it()
    {
        // Act
        var connect = () => Factory(("PVE_TOKEN", "not-a-token-s3cr3t")).ConnectAsync(new HostSettings { Host = "https://pve.invalid:8006" });

        // Assert
        var error = (await connect.Should().ThrowAsync<CliException>()).Which;
        error.Message.Should().Contain("PVE_TOKEN").And.NotContain("s3cr3t");
        error.ExitCode.Should().Be(ExitCodes.BadInput);
    }

    [Fact]
    public async Task Both_a_fingerprint_and_the_insecure_opt_out_is_a_contradiction()
    {
        // Act
        var connect = () =>
            Factory(("PVE_TOKEN", "root@pam!x=y"))
                .ConnectAsync(
                    new HostSettings
                    {
                        Host = "https://pve.invalid:8006",
                        Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32)),
                        InsecureSkipTlsVerify = true,
                    }
                );

        // Assert
        (await connect.Should().ThrowAsync<CliException>()).Which.Message.Should().Contain("not both");
    }
}
