using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task I_can_exec_a_command_with_stdin_environment_and_its_exit_code()
    {
        SkipIfExcluded(ContractScenario.Exec);

        // Arrange
        var vmid = await CreateContainerAsync(0);
        await Host.StartAsync(vmid);

        // Act
        var result = await Host.ExecAsync(
            vmid,
            new ExecRequest(["sh", "-c", "read line; echo \"got:$line\"; echo \"env:$GREETING\"; echo oops >&2; exit 3"])
            {
                StandardInput = "hello from stdin\n",
                Environment = new Dictionary<string, string> { ["GREETING"] = "bonjour" },
            }
        );
        var ok = await Host.ExecAsync(vmid, ExecRequest.Shell("echo written > /tmp/contract && cat /tmp/contract"));

        // Assert
        result.ExitCode.Should().Be(3);
        result.StandardOutput.Should().Contain("got:hello from stdin").And.Contain("env:bonjour");
        result.StandardError.Should().Contain("oops");
        ok.Succeeded.Should().BeTrue();
        ok.StandardOutput.Trim().Should().Be("written");
    }

    [SkippableFact]
    public async Task Exec_in_a_stopped_container_fails_saying_it_is_not_running()
    {
        SkipIfExcluded(ContractScenario.Exec);

        // Arrange
        var vmid = await CreateContainerAsync(0);

        // Act
        var error = await ShouldFailAsync(() => Host.ExecAsync(vmid, ExecRequest.Shell("true")));

        // Assert
        error.Message.Should().Contain("not running");
    }
}
