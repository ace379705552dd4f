using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Runners;
using LxcForge.Proxmox.Shell.Ssh;
using LxcForge.Testing.Ssh;
using LxcForge.Testing.Utils;

namespace LxcForge.Proxmox.Tests.Shell.Ssh;

/// <summary>The SSH runner against a real OpenSSH server on 127.0.0.1.</summary>
public class SshCommandRunnerSpecs(SshdClassFixture fixture) : IClassFixture<SshdClassFixture>
{
    private SshdServer Sshd => fixture.Server;

    private SshTarget Target => new(Sshd.Host, Sshd.User, Sshd.Port) { IdentityFiles = [Sshd.UserKeyFile], KnownHostsFile = Sshd.KnownHostsFile };

    [SshdFact]
    public async Task I_can_run_a_command_and_get_its_exit_code_and_both_outputs()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);

        // Act
        var output = await runner.RunAsync(new CommandSpec("sh", ["-c", "echo out; echo err >&2; exit 42"]));

        // Assert
        output.Should().Be(new CommandOutput(42, "out\n", "err\n"));
    }

    [SshdFact]
    public async Task Arguments_survive_the_remote_shell_unchanged_and_stdin_is_streamed()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);
        string[] words = ["it's", "$HOME", "`id`", "a b", "new\nline", "*", ""];
        var stdin = string.Concat(Enumerable.Repeat("0123456789abcdef", 64 * 1024)); // 1 MiB

        // Act
        var echoed = await runner.RunAsync(new CommandSpec("printf", ["[%s]", .. words]));
        var counted = await runner.RunAsync(new CommandSpec("wc", ["-c"]) { StandardInput = stdin });

        // Assert
        echoed.StandardOutput.Should().Be(string.Concat(words.Select(w => $"[{w}]")));
        counted.StandardOutput.Trim().Should().Be(stdin.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SshdFact]
    public async Task A_command_given_no_stdin_reads_end_of_file_at_once()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);

        // Act: cat would wait for ever on a stdin that is never closed.
        var output = await runner.RunAsync(new CommandSpec("sh", ["-c", "cat; echo done"]) { Timeout = TimeSpan.FromSeconds(20) });

        // Assert
        output.Should().Be(new CommandOutput(0, "done\n", ""));
    }

    [SshdFact]
    public async Task A_command_given_an_empty_stdin_reads_end_of_file_at_once()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);

        // Act: the node shell passes "" for a script without answers; SSH.NET sends no EOF for it.
        var output = await runner.RunAsync(new CommandSpec("sh", ["-c", "cat; echo done"]) { StandardInput = "", Timeout = TimeSpan.FromSeconds(20) });

        // Assert
        output.Should().Be(new CommandOutput(0, "done\n", ""));
    }

    [SshdFact]
    public async Task The_session_path_from_sshd_finds_the_shims_and_the_command_environment_is_applied()
    {
        // Arrange
        var shim = Path.Combine(fixture.ShimDirectory, "lxcforge-probe");
        ExecutableFile.Write(shim, "#!/bin/sh\nprintf '%s %s' \"$LXCFORGE_SESSION_MARK\" \"$LXCFORGE_X\"\n");
        await using var runner = new SshCommandRunner(Target);

        // Act
        var output = await runner.RunAsync(
            new CommandSpec("lxcforge-probe", []) { Environment = new Dictionary<string, string> { ["LXCFORGE_X"] = "it's set" } }
        );

        // Assert
        output.StandardOutput.Should().Be("from-sshd it's set");
    }

    [SshdFact]
    public async Task An_unknown_host_key_is_refused_with_its_fingerprint_and_nothing_runs()
    {
        // Arrange
        using var dir = TempDir.Create();
        var marker = dir.Combine("ran");
        await using var runner = new SshCommandRunner(Target with { KnownHostsFile = dir.Combine("known_hosts") });

        // Act
        var act = () => runner.RunAsync(new CommandSpec("touch", [marker]));

        // Assert
        var error = (await act.Should().ThrowAsync<HostException>()).Which;
        error.Kind.Should().Be(HostErrorKind.AuthenticationFailed);
        error.Message.Should().Contain("is not in").And.Contain("SHA256:");
        File.Exists(marker).Should().BeFalse();
        File.Exists(dir.Combine("known_hosts")).Should().BeFalse("nothing is recorded without the opt-in");
    }

    [SshdFact]
    public async Task A_changed_host_key_is_refused_even_when_new_keys_may_be_accepted()
    {
        // Arrange: known_hosts records some other ed25519 key for this host and port
        using var dir = TempDir.Create();
        await SshdServer.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.Combine("other")]);
        var other = (await File.ReadAllTextAsync(dir.Combine("other.pub"))).Split(' ');
        var knownHosts = dir.Combine("known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"[127.0.0.1]:{Sshd.Port} {other[0]} {other[1]}\n");
        await using var runner = new SshCommandRunner(Target with { KnownHostsFile = knownHosts, AcceptNewHostKey = true });

        // Act
        var act = () => runner.RunAsync(new CommandSpec("true", []));

        // Assert
        (await act.Should().ThrowAsync<HostException>()).Which.Message.Should().Contain("CHANGED");
    }

    [SshdFact]
    public async Task A_new_host_key_is_recorded_when_the_user_opts_in_and_checked_from_then_on()
    {
        // Arrange
        using var dir = TempDir.Create();
        var knownHosts = dir.Combine("ssh", "known_hosts");
        await using (var first = new SshCommandRunner(Target with { KnownHostsFile = knownHosts, AcceptNewHostKey = true }))
            (await first.RunAsync(new CommandSpec("true", []))).ExitCode.Should().Be(0);

        // Act
        await using var second = new SshCommandRunner(Target with { KnownHostsFile = knownHosts });
        var output = await second.RunAsync(new CommandSpec("echo", ["again"]));

        // Assert
        output.StandardOutput.Should().Be("again\n");
        var hostKey = Sshd.HostPublicKey.Split(' ');
        (await File.ReadAllTextAsync(knownHosts)).Should().Be($"[127.0.0.1]:{Sshd.Port} {hostKey[0]} {hostKey[1]}\n");
    }

    [SshdFact]
    public async Task A_key_the_server_does_not_authorize_is_an_authentication_failure()
    {
        // Arrange
        using var dir = TempDir.Create();
        await SshdServer.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.Combine("stranger")]);
        await using var runner = new SshCommandRunner(Target with { IdentityFiles = [dir.Combine("stranger")] });

        // Act
        var act = () => runner.RunAsync(new CommandSpec("true", []));

        // Assert
        (await act.Should().ThrowAsync<HostException>()).Which.Kind.Should().Be(HostErrorKind.AuthenticationFailed);
    }

    [SshdFact]
    public async Task The_keys_of_a_running_ssh_agent_are_used_when_no_key_file_is_given()
    {
        // Arrange: a real ssh-agent holding the authorized key
        using var dir = TempDir.Create();
        var socket = dir.Combine("agent.sock");
        var agent = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("ssh-agent", ["-D", "-a", socket]) { RedirectStandardOutput = true, UseShellExecute = false }
        )!;
        try
        {
            var env = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket };
            (int ExitCode, string Output) added = (-1, "the agent socket never appeared");
            for (var delay = 10; delay < 5000; delay *= 2)
            {
                if (File.Exists(socket) && (added = await SshdServer.RunAsync("ssh-add", [Sshd.UserKeyFile], env)).ExitCode == 0)
                    break;
                await Task.Delay(delay); // back-off while the agent creates its socket
            }

            added.ExitCode.Should().Be(0, added.Output);
            await using var runner = new SshCommandRunner(Target with { IdentityFiles = [], AgentSocket = socket });

            // Act
            var output = await runner.RunAsync(new CommandSpec("echo", ["via agent"]));

            // Assert
            output.StandardOutput.Should().Be("via agent\n");
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
            agent.Dispose();
        }
    }

    [SshdFact]
    public async Task One_connection_serves_many_commands_and_a_dropped_one_is_replaced()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);
        var firstSession = (await runner.RunAsync(new CommandSpec("sh", ["-c", "echo $PPID"]))).StandardOutput;
        var sameSession = (await runner.RunAsync(new CommandSpec("sh", ["-c", "echo $PPID"]))).StandardOutput;

        // Act: kill this connection's sshd session process (the parent of every command's shell), then run again
        var dropped = () => runner.RunAsync(new CommandSpec("sh", ["-c", "kill -9 $PPID $$"]));
        await dropped.Should().ThrowAsync<HostException>();
        var output = await runner.RunAsync(new CommandSpec("echo", ["back"]));

        // Assert
        sameSession.Should().Be(firstSession, "commands share one connection");
        output.StandardOutput.Should().Be("back\n");
    }

    [SshdFact]
    public async Task A_remote_command_that_overruns_its_timeout_is_killed_and_the_connection_stays_usable()
    {
        // Arrange
        await using var runner = new SshCommandRunner(Target);

        // Act
        var act = () => runner.RunAsync(new CommandSpec("sleep", ["31.5"]) { Timeout = TimeSpan.FromMilliseconds(300) });

        // Assert
        (await act.Should().ThrowAsync<HostException>()).Which.Kind.Should().Be(HostErrorKind.Timeout);
        (await runner.RunAsync(new CommandSpec("pgrep", ["-f", "sleep 31.5"]))).StandardOutput.Should().BeEmpty("the remote command was killed");
        (await runner.RunAsync(new CommandSpec("echo", ["still here"]))).StandardOutput.Should().Be("still here\n");
    }

    [Fact]
    public void An_ssh_address_names_user_host_and_port_and_never_a_password()
    {
        SshTarget.Parse("ssh://root@pve").Should().Be(new SshTarget("pve", "root", 22));
        SshTarget.Parse("ssh://admin@10.0.0.5:2222").Should().Be(new SshTarget("10.0.0.5", "admin", 2222));
        SshTarget.Parse("ssh://pve").User.Should().Be("root");
        FluentActions.Invoking(() => SshTarget.Parse("ssh://root:secret@pve")).Should().Throw<FormatException>().Which.Message.Should().NotContain("secret");
    }

    [Fact]
    public void The_remote_command_line_quotes_every_word_exports_the_environment_and_announces_its_pid()
    {
        var line = SshCommandRunner.CommandLine(
            new CommandSpec("pct", ["exec", "200", "--", "sh", "-c", "echo 'hi'"])
            {
                Environment = new Dictionary<string, string> { ["A"] = "x y" },
                StandardInput = "answer\n",
            }
        );
        var noInput = SshCommandRunner.CommandLine(new CommandSpec("pct", ["list"]));

        line.Should().Be("echo $$ >&2; export A='x y'; exec 'pct' 'exec' '200' '--' 'sh' '-c' 'echo '\\''hi'\\'''");
        noInput.Should().Be("echo $$ >&2; exec 'pct' 'list' </dev/null");
    }
}
