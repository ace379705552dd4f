using LxcForge.Cli.Infrastructure;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands.Sim;

/// <summary><c>lxcforge sim fault list|add|clear --state NAME</c>: faults for <c>sim://NAME</c>, kept with its state.</summary>
public sealed class SimFaultCommandSpecs
{
    [Fact]
    public async Task A_fault_added_for_a_kept_cluster_is_met_by_the_next_run_and_clear_removes_it()
    {
        // Arrange
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data") };

        // Act
        var add = await CliRun.InAsync(
            dir.Path,
            env,
            "sim",
            "fault",
            "add",
            "task",
            "--state",
            "lab",
            "--type",
            "vzcreate",
            "--count",
            "2",
            "--message",
            "no luck"
        );
        var offline = await CliRun.InAsync(dir.Path, env, "sim", "fault", "add", "node-offline", "--state", "lab", "--node", "pve");
        var list = await CliRun.InAsync(dir.Path, env, "sim", "fault", "list", "--state", "lab");
        // sim shell runs its command as a child process: a real lxcforge process, so the child's stderr is captured.
        var lxcforge = new LxcForgeProcess(dir.Path);
        var down = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pvesh", "get", "/nodes/pve/status");
        var clear = await CliRun.InAsync(dir.Path, env, "sim", "fault", "clear", "--state", "lab");
        var up = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pvesh", "get", "/nodes/pve/status");

        // Assert
        add.ExitCode.Should().Be(ExitCodes.Ok, add.Stderr);
        offline.ExitCode.Should().Be(ExitCodes.Ok, offline.Stderr);
        list.Stdout.Should().Contain("vzcreate: no luck").And.Contain("node-offline");
        down.Code.Should().NotBe(0);
        down.Stderr.Should().Contain("No route to host");
        clear.Stdout.Should().Contain("no faults armed");
        up.Code.Should().Be(0, up.Stderr);
    }

    [Theory]
    [InlineData("task", "--count", "0", "'--count'")]
    [InlineData("delay", "--milliseconds", "1e300", "'--milliseconds'")]
    [InlineData("error", "--status", "200", "'--status'")]
    [InlineData("slow", "--factor", "0", "'--factor'")]
    public async Task An_absurd_fault_parameter_is_refused_naming_it(string kind, string option, string value, string named)
    {
        // Arrange
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data") };

        // Act
        var run = await CliRun.InAsync(
            dir.Path,
            env,
            "sim",
            "fault",
            "add",
            kind,
            "--state",
            "lab",
            "--type",
            "vzclone",
            "--storage",
            "local-lvm",
            option,
            value
        );

        // Assert
        run.ExitCode.Should().Be(ExitCodes.BadInput, run.Stdout);
        run.Stderr.Should().Contain(named);
    }
}
