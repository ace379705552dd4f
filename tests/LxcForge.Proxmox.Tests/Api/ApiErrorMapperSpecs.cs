using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Tests.Api;

public sealed class ApiErrorMapperSpecs
{
    [Theory]
    [InlineData(500, "CT is locked (disk)", HostErrorKind.Locked)]
    [InlineData(500, "can't lock file '/run/lock/lxc/pve-config-200.lock' - got timeout", HostErrorKind.Locked)]
    [InlineData(500, "CT 200 already exists on node 'pve'", HostErrorKind.AlreadyExists)]
    [InlineData(500, "Configuration file 'nodes/pve/lxc/200.conf' does not exist", HostErrorKind.NotFound)]
    [InlineData(500, "storage 'nope' does not exist", HostErrorKind.NotFound)]
    [InlineData(500, "no such cluster node 'x'", HostErrorKind.NotFound)]
    [InlineData(500, "unable to shrink disk size", HostErrorKind.InvalidRequest)]
    [InlineData(500, "you can't convert a CT to template if the CT is running", HostErrorKind.InvalidRequest)]
    [InlineData(500, "CT 200 already running", HostErrorKind.InvalidRequest)]
    [InlineData(500, "", HostErrorKind.Transient)]
    [InlineData(500, "Internal Server Error", HostErrorKind.Transient)]
    [InlineData(502, "Bad Gateway", HostErrorKind.Transient)]
    [InlineData(503, "Service Unavailable", HostErrorKind.Transient)]
    [InlineData(596, "Connection timed out", HostErrorKind.Transient)]
    [InlineData(500, "got no worker upid - start worker failed", HostErrorKind.Transient)]
    [InlineData(401, "authentication failure", HostErrorKind.AuthenticationFailed)]
    [InlineData(403, "Permission check failed (/vms/200, VM.Allocate)", HostErrorKind.PermissionDenied)]
    [InlineData(501, "Method 'GET /nodes/pve/lxc/200/exec' not implemented", HostErrorKind.Unsupported)]
    [InlineData(400, "Parameter verification failed.", HostErrorKind.InvalidRequest)]
    public void Proxmox_errors_map_to_the_kind_a_caller_acts_on(int status, string message, HostErrorKind kind)
    {
        // Act
        var error = ApiErrorMapper.Map(status, message, null, "https://pve:8006");

        // Assert
        error.Kind.Should().Be(kind);
    }

    [Fact]
    public void A_parameter_error_lists_each_parameter_and_a_used_vmid_is_already_exists()
    {
        // Arrange
        var errors = new Dictionary<string, string> { ["vmid"] = "VM 200 already exists\n" };

        // Act
        var error = ApiErrorMapper.Map(400, "Parameter verification failed.", errors, "https://pve:8006");

        // Assert
        error.Kind.Should().Be(HostErrorKind.AlreadyExists);
        error.Message.Should().Be("Parameter verification failed. vmid: VM 200 already exists");
        error.ParameterErrors.Should().ContainKey("vmid");
    }

    [Fact]
    public void A_permission_error_names_the_privilege_and_root_only_refusals_say_what_to_do()
    {
        // Act
        var privilege = ApiErrorMapper.Map(403, "Permission check failed (/vms/200, VM.Allocate)", null, "https://pve:8006");
        var rootOnly = ApiErrorMapper.Map(403, "changing feature flags (except nesting) is only allowed for root@pam", null, "https://pve:8006");

        // Assert
        privilege.Message.Should().Contain("VM.Allocate").And.Contain("Grant");
        rootOnly.Message.Should().Contain("root@pam").And.Contain("--ssh root@HOST").And.Contain("API token");
    }

    [Fact]
    public void The_status_code_repeated_in_a_reason_phrase_is_dropped()
    {
        // Act
        var error = ApiErrorMapper.Map(500, "500 CT 200 already exists on node 'pve'", null, "https://pve:8006");

        // Assert
        error.Message.Should().Be("CT 200 already exists on node 'pve'");
    }

    [Theory]
    [InlineData("CT is locked (backup)", HostErrorKind.Locked)]
    [InlineData("clone failed: content type 'rootdir' is not available or configured on storage 'local'", HostErrorKind.TaskFailed)]
    [InlineData("unexpected status", HostErrorKind.TaskFailed)]
    public void A_failed_task_is_transient_only_when_it_found_a_lock(string exitStatus, HostErrorKind kind) =>
        ApiErrorMapper.ClassifyTaskError(exitStatus).Should().Be(kind);
}
