using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Tests.Shell;

/// <summary>
/// The three commands that exit 0 when their worker failed (pct template, pct resize, pveam download) are read back;
/// the root password travels on stdin. Scripted outputs are the exact texts of docs/proxmox-behaviour.md.
/// </summary>
public class PctShellHostVerificationSpecs
{
    private static readonly PctShellHostOptions OnNodePve = new() { Node = "pve" };

    [Fact]
    public async Task A_template_conversion_that_printed_an_error_but_exited_0_is_reported_as_failed()
    {
        // Arrange
        var runner = new ScriptedRunner(
            ("pct template 900", ScriptedRunner.Ok(stderr: "Template feature is not available for 'local-hdd:900/vm-900-disk-0.raw'\n")),
            ("pct config 900", ScriptedRunner.Ok("hostname: tpl\nrootfs: local-hdd:900/vm-900-disk-0.raw,size=8G\n"))
        );
        await using var host = new PctShellHost(runner, OnNodePve);

        // Act
        var act = () => host.ConvertToTemplateAsync(900);

        // Assert
        var error = (await act.Should().ThrowAsync<HostException>()).Which;
        error.Kind.Should().Be(HostErrorKind.TaskFailed);
        error.Message.Should().Contain("template: 1").And.Contain("Template feature is not available");
    }

    [Fact]
    public async Task A_template_conversion_is_done_when_the_config_says_template_1()
    {
        var runner = new ScriptedRunner(("pct template 900", ScriptedRunner.Ok()), ("pct config 900", ScriptedRunner.Ok("hostname: tpl\ntemplate: 1\n")));
        await using var host = new PctShellHost(runner, OnNodePve);

        await host.ConvertToTemplateAsync(900);

        runner.Commands.Select(c => c.ToString()).Should().Equal("pct template 900", "pct config 900");
    }

    [Theory]
    [InlineData("+2G", "rootfs: local-lvm:vm-200-disk-0,size=10G\n")]
    [InlineData("10G", "rootfs: local-lvm:vm-200-disk-0,size=10G\n")]
    public async Task A_resize_is_checked_against_the_size_read_back(string size, string after)
    {
        // Arrange: the config before, then after
        var reads = new Queue<string>(["rootfs: local-lvm:vm-200-disk-0,size=8G\n", after]);
        var runner = new SequencedConfigRunner(reads);
        await using var host = new PctShellHost(runner, OnNodePve);

        // Act
        var outcome = await host.ResizeAsync(200, "rootfs", size);

        // Assert
        outcome.Should().NotBeNull();
    }

    [Fact]
    public async Task A_resize_whose_worker_failed_silently_is_reported_with_the_size_found()
    {
        var runner = new SequencedConfigRunner(new Queue<string>(["rootfs: local-lvm:vm-200-disk-0,size=8G\n", "rootfs: local-lvm:vm-200-disk-0,size=8G\n"]))
        {
            ResizeStderr = "lvextend failed: Insufficient free space\n",
        };
        await using var host = new PctShellHost(runner, OnNodePve);

        var act = () => host.ResizeAsync(200, "rootfs", "+2G");

        (await act.Should().ThrowAsync<HostException>()).Which.Message.Should().Contain("rootfs is 8G, not 10G").And.Contain("Insufficient free space");
    }

    [Fact]
    public async Task A_template_download_that_exited_0_without_the_file_is_reported_as_failed()
    {
        var runner = new ScriptedRunner(
            (
                "pveam download local",
                ScriptedRunner.Ok(
                    "downloading http://download.proxmox.com/images/system/debian-12-standard_12.12-1_amd64.tar.zst to /var/lib/vz/template/cache/debian-12-standard_12.12-1_amd64.tar.zst\n",
                    "download failed: 404 Not Found\n"
                )
            ),
            ("pveam list local", ScriptedRunner.Ok("NAME                                                         SIZE  \n"))
        );
        await using var host = new PctShellHost(runner, OnNodePve);

        var act = () => host.DownloadOsTemplateAsync("pve", "local", "debian-12-standard_12.12-1_amd64.tar.zst");

        (await act.Should().ThrowAsync<HostException>()).Which.Message.Should().Contain("is not in 'pveam list local'").And.Contain("404");
    }

    [Fact]
    public async Task The_root_password_goes_to_pct_on_stdin_and_never_into_an_argument()
    {
        // Arrange
        const string password = "S3cret-pw-for-stdin";
        var runner = new ScriptedRunner(("pct create", ScriptedRunner.Ok()));
        await using var host = new PctShellHost(runner, OnNodePve);

        // Act
        await host.CreateAsync(
            new CreateContainerRequest(900, "pve", "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "local-hdd")
            {
                RootPassword = password,
                Options = new Dictionary<string, string> { ["hostname"] = "tpl", ["memory"] = "1024" },
            }
        );

        // Assert
        var create = runner.Commands.Single();
        create.Arguments.Should().NotContain(a => a.Contains(password, StringComparison.Ordinal));
        create.Arguments.Should().EndWith("--password");
        create.StandardInput.Should().Be(password + "\n");
        create
            .ToString()
            .Should()
            .Be("pct create 900 local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst --storage local-hdd --hostname tpl --memory 1024 --password");
    }

    [Fact]
    public async Task A_password_given_as_an_option_is_refused_before_anything_runs()
    {
        var runner = new ScriptedRunner();
        await using var host = new PctShellHost(runner, OnNodePve);

        var act = () => host.CreateAsync(new CreateContainerRequest(900, "pve", "t", "s") { Options = new Dictionary<string, string> { ["password"] = "x" } });

        await act.Should().ThrowAsync<ArgumentException>();
        runner.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task Acting_on_another_node_through_this_nodes_shell_is_refused_clearly()
    {
        var runner = new ScriptedRunner();
        await using var host = new PctShellHost(runner, OnNodePve);

        var act = () => host.CreateAsync(new CreateContainerRequest(900, "pve2", "t", "s"));

        (await act.Should().ThrowAsync<HostException>()).Which.Message.Should().Contain("connect to 'pve2'");
    }

    /// <summary>Answers <c>pct config</c> from a queue (before/after) and <c>pct resize</c> with exit 0.</summary>
    private sealed class SequencedConfigRunner(Queue<string> configs) : ICommandRunner
    {
        public string ResizeStderr { get; init; } = "";

        public string Description => "scripted";

        public Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default) =>
            Task.FromResult(
                command.Arguments[0] switch
                {
                    "config" => ScriptedRunner.Ok(configs.Dequeue()),
                    "resize" => ScriptedRunner.Ok(stderr: ResizeStderr),
                    _ => throw new InvalidOperationException(command.ToString()),
                }
            );

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
