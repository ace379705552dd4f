using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Runners;
using LxcForge.Testing.Ssh;
using LxcForge.Testing.Utils;

namespace LxcForge.Proxmox.Tests.Shell.Runners;

public class LocalCommandRunnerSpecs
{
    private static readonly LocalCommandRunner Runner = new();

    [Fact]
    public async Task I_get_the_exit_code_stdout_and_stderr_of_a_process()
    {
        // Act
        var output = await Runner.RunAsync(new CommandSpec("sh", ["-c", "echo out; echo err >&2; exit 7"]));

        // Assert
        output.Should().Be(new CommandOutput(7, "out\n", "err\n"));
    }

    [Fact]
    public async Task Stdin_reaches_the_process_and_arguments_are_passed_verbatim()
    {
        // Act
        var output = await Runner.RunAsync(new CommandSpec("sh", ["-c", "cat; printf '[%s]' \"$1\"", "_", "a 'b' $HOME \"c\""]) { StandardInput = "über\n" });

        // Assert
        output.StandardOutput.Should().Be("über\n[a 'b' $HOME \"c\"]");
    }

    [Fact]
    public async Task The_environment_is_added_to_the_process()
    {
        // Act
        var output = await Runner.RunAsync(
            new CommandSpec("sh", ["-c", "printf %s \"$LXCFORGE_X\""]) { Environment = new Dictionary<string, string> { ["LXCFORGE_X"] = "y z" } }
        );

        // Assert
        output.StandardOutput.Should().Be("y z");
    }

    [Fact]
    public async Task A_missing_program_exits_127_like_a_shell_says()
    {
        // Act
        var output = await Runner.RunAsync(new CommandSpec("lxcforge-no-such-program", []));

        // Assert
        output.ExitCode.Should().Be(127);
        output.StandardError.Should().Contain("command not found");
    }

    [Fact]
    public async Task A_command_that_overruns_its_timeout_is_killed_with_a_timeout_error()
    {
        // Act
        var act = () => Runner.RunAsync(new CommandSpec("sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(200) });

        // Assert
        (await act.Should().ThrowAsync<HostException>()).Which.Kind.Should().Be(HostErrorKind.Timeout);
    }

    [Fact]
    public async Task Programs_in_the_extra_path_are_found_first()
    {
        // Arrange
        using var dir = TempDir.Create();
        var shim = dir.Combine("pct");
        ExecutableFile.Write(shim, "#!/bin/sh\necho \"shim $*\"\n");
        var runner = new LocalCommandRunner(extraPath: dir.Path);

        // Act
        var output = await runner.RunAsync(new CommandSpec("pct", ["list"]));

        // Assert
        output.StandardOutput.Should().Be("shim list\n");
    }

    [Fact]
    public async Task A_daemon_that_keeps_the_output_pipe_open_does_not_hold_the_run()
    {
        // Act: the background sleep inherits stdout and outlives the shell.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var output = await Runner.RunAsync(new CommandSpec("sh", ["-c", "sleep 120 & echo started"]));

        // Assert
        output.Should().Be(new CommandOutput(0, "started\n", ""));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the pipe is read for a bounded grace after the shell exits, not until the daemon ends");
    }

    [Fact]
    public async Task Cancelling_kills_the_process_and_throws_cancellation()
    {
        // Arrange
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act
        var act = () => Runner.RunAsync(new CommandSpec("sleep", ["30"]), cts.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
