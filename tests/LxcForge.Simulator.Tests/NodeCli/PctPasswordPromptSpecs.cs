using LxcForge.Simulator.NodeCli;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary>
/// <c>pct create … --password</c> with no value prompts, and off a terminal reads one line of stdin
/// (docs/proxmox-behaviour.md#create), which is how the shell backend keeps the root password out of argv.
/// </summary>
public class PctPasswordPromptSpecs
{
    private readonly StubPveApi api = new();

    [Fact]
    public async Task A_bare_password_option_takes_the_first_line_of_stdin()
    {
        // Arrange
        var upid = api.FinishedTask("vzcreate", "300", "OK");
        api.On("POST", "/nodes/pve/lxc", _ => upid);
        var cli = new NodeCommandLine(api, new StubExec(new SimExecResult(0, "", "")));

        // Act
        var result = await cli.RunAsync(
            "pve",
            "pct",
            ["create", "300", "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "--storage", "local-hdd", "--password"],
            "from-stdin-pw\nignored\n",
            new Dictionary<string, string>()
        );

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        api.Calls.Single(c => c.Method == "POST").Parameters["password"].Should().Be("from-stdin-pw");
    }

    [Fact]
    public async Task A_password_given_as_a_value_is_still_taken_as_given()
    {
        var upid = api.FinishedTask("vzcreate", "300", "OK");
        api.On("POST", "/nodes/pve/lxc", _ => upid);
        var cli = new NodeCommandLine(api, new StubExec(new SimExecResult(0, "", "")));

        var result = await cli.RunAsync(
            "pve",
            "pct",
            ["create", "300", "t", "--password", "inline-pw", "--storage", "local-hdd"],
            null,
            new Dictionary<string, string>()
        );

        result.ExitCode.Should().Be(0, result.StandardError);
        api.Calls.Single(c => c.Method == "POST").Parameters.Should().Contain("password", "inline-pw").And.Contain("storage", "local-hdd");
    }
}
