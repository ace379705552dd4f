using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands.Sim;

/// <summary><c>lxcforge sim shell</c> as a real process: the node's tools on PATH, answered by the simulator, with the real tools' output and exit codes.</summary>
public sealed class SimShellCommandSpecs
{
    private const string Debian12 = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";

    [Fact]
    public async Task Pct_list_in_a_kept_state_prints_the_real_format_and_sees_what_an_earlier_shell_made()
    {
        // Arrange
        using var dir = TempDir.Create();
        var lxcforge = new LxcForgeProcess(dir.Path);
        var created = await lxcforge.RunAsync(
            "sim",
            "shell",
            "--state",
            "lab",
            "--",
            "pct",
            "create",
            "200",
            Debian12,
            "--rootfs",
            "local-lvm:1",
            "--hostname",
            "web"
        );

        // Act
        var (code, stdout, stderr) = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pct", "list");

        // Assert
        created.Code.Should().Be(0, created.Stderr);
        code.Should().Be(0, stderr);
        stdout.Should().Be("VMID       Status     Lock         Name                \n" + "200        stopped                 web                 \n");
        File.Exists(dir.Combine("data/lxcforge/sim/lab.json")).Should().BeTrue("the state is the one --host sim://lab uses");
    }

    [Fact]
    public async Task A_script_that_creates_starts_and_asks_for_status_runs_against_the_simulator()
    {
        // Arrange
        using var dir = TempDir.Create();
        var script = dir.Combine("make-ct.sh");
        await File.WriteAllTextAsync(
            script,
            $"""
            #!/usr/bin/env bash
            set -e
            pct create 300 {Debian12} --rootfs local-lvm:1 --hostname app > /dev/null
            pct status 300
            pct start 300
            pct status 300
            pct config 300 | grep '^hostname:'
            """
        );
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var lxcforge = new LxcForgeProcess(dir.Path);

        // Act
        var (code, stdout, stderr) = await lxcforge.RunAsync("sim", "shell", "--", "./make-ct.sh");

        // Assert
        code.Should().Be(0, stderr);
        stdout.Should().Be("status: stopped\nstatus: running\nhostname: app\n");
        stderr.Should().Contain("a fresh simulated cluster, forgotten when this shell ends");
    }

    [Fact]
    public async Task Exit_codes_are_those_of_the_real_tools_and_of_the_command()
    {
        // Arrange
        using var dir = TempDir.Create();
        var lxcforge = new LxcForgeProcess(dir.Path);

        // Act
        var missing = await lxcforge.RunAsync("sim", "shell", "--", "pct", "status", "999");
        var own = await lxcforge.RunAsync("sim", "shell", "--", "bash", "-c", "pveversion >/dev/null && exit 7");
        var unknown = await lxcforge.RunAsync("sim", "shell", "--", "qm", "list");

        // Assert: pct dies with 255, as Proxmox's Perl tools do; the command's own code comes through unchanged.
        missing.Code.Should().Be(255);
        missing.Stderr.Should().Contain("Configuration file 'nodes/pve/lxc/999.conf' does not exist");
        own.Code.Should().Be(7);
        unknown.Code.Should().Be(127);
    }

    [Fact]
    public async Task Commands_on_stdin_run_like_a_script()
    {
        // Arrange
        using var dir = TempDir.Create();
        var lxcforge = new LxcForgeProcess(dir.Path);
        using var process = System.Diagnostics.Process.Start(lxcforge.StartInfo("sim", "shell"))!;

        // Act
        await process.StandardInput.WriteAsync("pveversion\npvesh get /cluster/nextid\n");
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        // Assert
        process.ExitCode.Should().Be(0);
        stdout.Should().StartWith("pve-manager/9.1.1/").And.EndWith("100\n");
    }
}
