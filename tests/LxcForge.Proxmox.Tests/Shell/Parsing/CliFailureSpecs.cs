using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Tests.Shell.Parsing;

/// <summary>Exit 255 and Proxmox's error texts (docs/proxmox-behaviour.md#error-texts) become the right <see cref="HostErrorKind"/>.</summary>
public class CliFailureSpecs
{
    private static readonly CommandSpec Command = new("pct", ["clone", "900", "200"]);

    [Theory]
    [InlineData("CT is locked (disk)", HostErrorKind.Locked)]
    [InlineData("trying to acquire lock...\ncan't lock file '/run/lock/lxc/pve-config-200.lock' - got timeout", HostErrorKind.Locked)]
    [InlineData("CT 200 already exists on node 'pve'", HostErrorKind.AlreadyExists)]
    [InlineData("Configuration file 'nodes/pve/lxc/200.conf' does not exist", HostErrorKind.NotFound)]
    [InlineData("storage 'nvme' does not exist", HostErrorKind.NotFound)]
    [InlineData("changing feature flags (except nesting) is only allowed for root@pam", HostErrorKind.PermissionDenied)]
    [InlineData("clone failed: content type 'rootdir' is not available or configured on storage 'local-hdd'", HostErrorKind.TaskFailed)]
    [InlineData("unable to create CT 200 - no space left on device", HostErrorKind.TaskFailed)]
    [InlineData("you can't convert a CT to template if the CT is running", HostErrorKind.InvalidRequest)]
    [InlineData("parameter 'storage' not allowed for linked clones", HostErrorKind.InvalidRequest)]
    public void A_failure_is_classified_by_what_proxmox_printed(string stderr, HostErrorKind kind)
    {
        // Act
        var error = CliFailure.ToException(Command, new CommandOutput(255, "", stderr + "\n"), vmid: 200);

        // Assert
        error.Kind.Should().Be(kind);
        error.Vmid.Should().Be(200);
        error.Message.Should().Contain("pct clone 900 200").And.NotContain("trying to acquire lock");
    }

    [Fact]
    public void A_parameter_error_carries_each_parameter_and_its_message()
    {
        // Arrange
        const string stderr =
            "400 Parameter verification failed.\ntemplate: no such template\nstorage: storage 'x' does not exist\n\nUSAGE: pveam download <storage> <template>\n";

        // Act
        var error = CliFailure.ToException(new CommandSpec("pveam", ["download", "x", "nope"]), new CommandOutput(255, "", stderr));

        // Assert
        error.Kind.Should().Be(HostErrorKind.InvalidRequest);
        error
            .ParameterErrors.Should()
            .BeEquivalentTo(new Dictionary<string, string> { ["template"] = "no such template", ["storage"] = "storage 'x' does not exist" });
        error.Message.Should().Contain("template: no such template");
    }

    [Fact]
    public void A_missing_tool_says_the_host_may_not_be_a_proxmox_node()
    {
        var error = CliFailure.ToException(new CommandSpec("pct", ["list"]), new CommandOutput(127, "", "bash: line 1: pct: command not found\n"));

        error.Kind.Should().Be(HostErrorKind.Unsupported);
        error.Message.Should().Contain("Proxmox VE node");
    }

    [Fact]
    public void A_failed_task_keeps_the_tail_of_its_log()
    {
        var stdout = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}"));

        var error = CliFailure.ToException(Command, new CommandOutput(255, stdout, "clone failed: rsync error\n"));

        error.LogTail.Should().HaveCount(20).And.EndWith("clone failed: rsync error");
    }
}
