using System.Net;
using LxcForge.Simulator.Tests.Http.Support;

namespace LxcForge.Simulator.Tests.Http;

/// <summary>Each kind of schema check, with the message pve-common's JSONSchema gives for it.</summary>
public sealed class ParameterValidationSpecs : StubbedSimulatorSpecs
{
    [Theory]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "colour=blue",
        "colour",
        "property is not defined in schema and the schema does not allow additional properties"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net32=name%3Deth0",
        "net32",
        "property is not defined in schema and the schema does not allow additional properties"
    )]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "cores=abc", "cores", "type check ('integer') failed - got 'abc'")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "cpulimit=fast", "cpulimit", "type check ('number') failed - got 'fast'")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "onboot=yes", "onboot", "type check ('boolean') failed - got 'yes'")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "cores=0", "cores", "value must have a minimum value of 1")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "tty=7", "tty", "value must have a maximum value of 6")]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "ostype=windows",
        "ostype",
        "value 'windows' does not have a value in the enumeration 'debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged'"
    )]
    [InlineData("PUT", "nodes/pve/lxc/200/resize", "disk=rootfs&size=ten", "size", "value does not match the regex pattern")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "hostname=bad_name", "hostname", "invalid format - value does not look like a valid DNS name\n")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "delete=memory,9x", "delete", "invalid format - invalid configuration ID '9x'\n")]
    [InlineData("POST", "nodes/pve/lxc/900/clone", "newid=99", "newid", "invalid format - value does not look like a valid VM ID\n")]
    [InlineData("POST", "nodes/pve/lxc/900/clone", "newid=201&storage=1bad", "storage", "invalid format - storage ID '1bad' contains illegal characters\n")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "description=" + "x", null, null)]
    [InlineData("POST", "nodes/pve/lxc/900/clone", "", "newid", "property is missing and it is not optional")]
    [InlineData(
        "POST",
        "nodes/pve/lxc",
        "vmid=200&ostemplate=local%3Avztmpl%2Fdebian.tar.zst&unique=1",
        "restore",
        "missing property - 'unique' requires this property"
    )]
    [InlineData("GET", "nodes/pve/lxc/abc/config", "", "vmid", "type check ('integer') failed - got 'abc'")]
    [InlineData("GET", "nodes/pve/lxc/99/config", "", "vmid", "invalid format - value does not look like a valid VM ID\n")]
    [InlineData("GET", "nodes/bad_node/lxc", "", "node", "invalid format - value does not look like a valid node name\n")]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "net0=name%3Deth0%2Cbridge%3Dvmbr2%2Cip%3D10.0.30.10%2F24%2Cgw%3D10.0.30.1", null, null)]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net0=name%3Deth0%2Ccolour%3Dblue",
        "net0",
        "invalid format - invalid key in comma-separated list property: colour\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net0=bridge%3Dvmbr2",
        "net0",
        "invalid format - format error\nnet0.name: property is missing and it is not optional\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net1=name%3Deth1%2Cmtu%3D10",
        "net1",
        "invalid format - format error\nnet1.mtu: value must have a minimum value of 64\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net0=name%3Deth0%2Cip%3D10.0.30.300%2F24",
        "net0",
        "invalid format - format error\nnet0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "net0=name%3Deth0%2Chwaddr%3D01%3A00%3A00%3A00%3A00%3A01",
        "net0",
        "invalid format - format error\nnet0.hwaddr: invalid format - value does not look like a valid unicast MAC address\n\n"
    )]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "rootfs=local-lvm%3Avm-200-disk-0%2Csize%3D8G", null, null)]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "rootfs=local-lvm%3Avm-200-disk-0%2Csize%3Dhuge",
        "rootfs",
        "invalid format - format error\nrootfs.size: invalid format - value does not look like a valid disk size: huge\n\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "mp0=local-lvm%3A8",
        "mp0",
        "invalid format - format error\nmp0.mp: property is missing and it is not optional\n"
    )]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "mp0=local-lvm%3A8%2Cmp%3D%2Fsrv%2Fdata", null, null)]
    [InlineData("PUT", "nodes/pve/lxc/200/config", "features=nesting%3D1%2Ckeyctl%3Don", null, null)]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "features=nesting%3Dmaybe",
        "features",
        "invalid format - format error\nfeatures.nesting: type check ('boolean') failed - got 'maybe'\n"
    )]
    [InlineData(
        "PUT",
        "nodes/pve/lxc/200/config",
        "features=local%3A1",
        "features",
        "invalid format - value without key, but schema does not define a default key\n"
    )]
    public async Task A_parameter_is_checked_against_the_schema(string method, string path, string form, string? errorKey, string? message)
    {
        // Arrange
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" && form.Length > 0 ? $"{path}?{form}" : path);
        if (method != "GET")
            request.Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        // Act
        using var response = await Sim.Client.SendAsync(request);
        var body = await response.Content.ReadJsonAsync();

        // Assert
        if (errorKey is null)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
            Api.Calls.Should().ContainSingle();
            return;
        }
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.ReasonPhrase.Should().Be("Parameter verification failed.");
        body["message"]!.GetValue<string>().Should().Be("Parameter verification failed.\n");
        body["errors"]![errorKey]!.GetValue<string>().Should().Be(message);
        Api.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_error_of_a_request_is_reported_at_once()
    {
        // Act
        using var response = await Sim.Client.PutAsync(
            "nodes/pve/lxc/200/config",
            new StringContent("cores=0&swap=-1&colour=blue", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")
        );

        // Assert
        var errors = (await response.Content.ReadJsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("cores", "swap", "colour");
    }
}
