using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class CreateSpecs
{
    [Fact]
    public async Task I_can_create_a_container_from_a_template_and_get_a_canonical_config()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var upid = (string)
            (
                await sim.Post(
                    "/nodes/pve/lxc",
                    ("vmid", "200"),
                    ("ostemplate", SimHarness.Debian12),
                    ("rootfs", "local-lvm:8"),
                    ("hostname", "postgres"),
                    ("memory", "2048"),
                    ("cores", "2"),
                    ("features", "nesting=1"),
                    ("net0", "ip=10.0.30.10/24,bridge=vmbr2,name=eth0,gw=10.0.30.1,hwaddr=bc:24:11:5e:21:0a"),
                    ("password", "s3cret")
                )
            )!;
        var exit = await sim.WaitTask(upid);
        var config = await sim.Config(200);

        // Assert
        upid.Should().MatchRegex(@"^UPID:pve:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:200:root@pam:$");
        exit.Should().Be("OK");
        ((string)config["net0"]!).Should().Be("name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:5E:21:0A,ip=10.0.30.10/24,type=veth");
        ((string)config["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=8G");
        ((string)config["hostname"]!).Should().Be("postgres");
        ((long)config["memory"]!).Should().Be(2048);
        ((long)config["swap"]!).Should().Be(512);
        ((long)config["unprivileged"]!).Should().Be(1);
        ((string)config["ostype"]!).Should().Be("debian");
        config.ContainsKey("password").Should().BeFalse();
        config.ContainsKey("lock").Should().BeFalse();
        (await sim.TaskLog(upid)).Should().EndWith("TASK OK");
    }

    [Fact]
    public async Task A_directory_storage_gets_a_raw_image_under_the_vmid_folder()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        await sim.CreateOk(900, "local-hdd:8");
        var content = (JsonArray)(await sim.Get("/nodes/pve/storage/local-hdd/content", ("content", "rootdir")))!;

        // Assert
        content.Select(v => $"{v!["volid"]} {v["format"]} {v["size"]}").Should().Equal($"local-hdd:900/vm-900-disk-0.raw raw {8L << 30}");
    }

    [Fact]
    public async Task Creating_an_existing_vmid_fails_at_once_naming_its_node()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local-lvm:8")),
            500,
            "CT 200 already exists on node 'pve'"
        );
    }

    [Fact]
    public async Task A_storage_without_container_directories_is_a_parameter_error()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var ex = await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local:8")),
            400,
            "Parameter verification failed."
        );

        // Assert
        ex.Errors["storage"].Should().Be("storage 'local' does not support container directories");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_template_fails_the_task_and_leaves_nothing_behind()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", "local:vztmpl/nope.tar.zst"), ("rootfs", "local-lvm:8"));

        // Assert
        exit.Should().Be("unable to create CT 200 - volume 'local:vztmpl/nope.tar.zst' does not exist");
        (await sim.List("/nodes/pve/lxc")).Should().BeEmpty();
        (await sim.List("/nodes/pve/storage/local-lvm/content")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_container_disk_is_not_an_os_template()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "201"), ("ostemplate", "local-lvm:vm-200-disk-0"), ("rootfs", "local-lvm:8")),
            500,
            "unable to use volume local-lvm:vm-200-disk-0 - content type needs to be 'vztmpl'"
        );
    }

    [Fact]
    public async Task While_a_create_runs_the_container_shows_with_lock_create()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 10);

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", SimHarness.Debian12), ("rootfs", "local-hdd:8")))!;
        var during = (JsonArray)(await sim.Get("/nodes/pve/lxc"))!;
        await sim.WaitTask(upid);
        var after = (JsonArray)(await sim.Get("/nodes/pve/lxc"))!;

        // Assert
        ((string)during[0]!["lock"]!).Should().Be("create");
        after[0]!.AsObject().ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task Create_with_start_runs_the_container_in_the_same_task()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        await sim.CreateOk(200, "local-lvm:8", ("start", "1"));

        // Assert
        ((string)(await sim.Status(200))["status"]!).Should().Be("running");
    }

    [Fact]
    public async Task Only_root_at_pam_may_set_feature_flags_other_than_nesting()
    {
        // Arrange
        await using var sim = new SimHarness();
        var request = new ApiRequest(
            "POST",
            "/nodes/pve/lxc",
            new Dictionary<string, string>
            {
                ["vmid"] = "200",
                ["ostemplate"] = SimHarness.Debian12,
                ["rootfs"] = "local-lvm:8",
                ["features"] = "keyctl=1,nesting=1",
            },
            "root@pam!deploy"
        );

        // Act / Assert
        var ex = (await sim.Cluster.Invoking(c => c.CallAsync(request, default)).Should().ThrowAsync<PveApiException>()).Which;
        ex.StatusCode.Should().Be(403);
        ex.Message.Should().Be("Permission check failed (changing feature flags (except nesting) is only allowed for root@pam)");
    }
}
