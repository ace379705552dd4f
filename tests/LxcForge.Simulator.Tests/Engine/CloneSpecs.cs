using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class CloneSpecs
{
    private const string Net0 = "name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:00:00:01,ip=10.0.30.10/24,type=veth";

    [Fact]
    public async Task I_can_full_clone_a_template_to_the_service_storage()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900, "local-hdd:8", ("hostname", "tpl-postgres"), ("net0", Net0));

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"), ("hostname", "postgres")))!;
        var exit = await sim.WaitTask(upid);
        var config = await sim.Config(200);

        // Assert
        upid.Should().Contain(":vzclone:900:root@pam:");
        exit.Should().Be("OK");
        ((string)config["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=8G");
        ((string)config["hostname"]!).Should().Be("postgres");
        var net0 = (string)config["net0"]!;
        net0.Should().StartWith("name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:").And.EndWith(",ip=10.0.30.10/24,type=veth");
        net0.Should().NotContain("BC:24:11:00:00:01");
        config.ContainsKey("template").Should().BeFalse();
        config.ContainsKey("lock").Should().BeFalse();
        (await sim.Config(900)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task Without_hostname_the_clone_keeps_the_templates_name()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900, "local-hdd:8", ("hostname", "tpl-redis"));

        // Act
        (await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "201"), ("full", "1"), ("storage", "local-lvm"))).Should().Be("OK");

        // Assert
        ((string)(await sim.Config(201))["hostname"]!).Should().Be("tpl-redis");
    }

    [Fact]
    public async Task A_second_clone_of_the_same_template_fails_while_the_first_copies()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 20);
        await sim.TemplateOk(900);

        // Act
        var first = (string)(await sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm")))!;
        var sourceDuring = await sim.Config(900);
        var targetDuring = await sim.Status(200);
        var second = await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc/900/clone", ("newid", "201"), ("full", "1"), ("storage", "local-lvm")),
            500,
            "CT is locked (disk)"
        );
        await sim.WaitTask(first);

        // Assert
        ((string)sourceDuring["lock"]!).Should().Be("disk");
        ((string)targetDuring["lock"]!).Should().Be("create");
        ((string)targetDuring["status"]!).Should().Be("stopped");
        second.Should().NotBeNull();
        (await sim.Config(900)).ContainsKey("lock").Should().BeFalse();
        (await sim.List("/nodes/pve/lxc")).Select(c => (int)c!["vmid"]!).Should().BeEquivalentTo([200, 900]);
    }

    [Fact]
    public async Task A_template_on_directory_storage_needs_full_and_storage_needs_full()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("storage", "local-lvm")),
            500,
            "parameter 'storage' not allowed for linked clones"
        );
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200")),
            500,
            "Linked clone feature for 'local-hdd:900/base-900-disk-0.raw' is not available"
        );
        (await sim.Config(900)).ContainsKey("lock").Should().BeFalse();
        (await sim.List("/nodes/pve/lxc")).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_template_on_lvmthin_gets_a_linked_clone_by_default()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(901, "local-lvm:8");

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc/901/clone", ("newid", "210"));

        // Assert
        exit.Should().Be("OK");
        ((string)(await sim.Config(210))["rootfs"]!).Should().Be("local-lvm:base-901-disk-0/vm-210-disk-0,size=8G");
        var destroy = await sim.Run("DELETE", "/nodes/pve/lxc/901");
        destroy.Should().Be("base volume 'base-901-disk-0' is still in use by linked clones");
    }

    [Fact]
    public async Task Cloning_onto_an_existing_id_fails_and_unlocks_the_source()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        await sim.CreateOk(200);

        // Act
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1")), 500, "CT 200 already exists on node 'pve'");

        // Assert
        (await sim.Config(900)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task A_full_clone_of_a_running_container_needs_a_snapshot()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc/200/clone", ("newid", "201")),
            500,
            "Full clone of a running container is only possible from a snapshot"
        );
    }

    [Fact]
    public async Task A_clone_that_does_not_fit_fails_as_rsync_fails_and_is_cleaned_up()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        sim.Cluster.Faults.FillStorage("local-lvm", leaveFreeBytes: 100L << 20);

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"));

        // Assert
        exit.Should().StartWith("clone failed: command 'rsync ").And.EndWith("failed: exit code 11");
        (await sim.List("/nodes/pve/lxc")).Should().HaveCount(1);
        (await sim.List("/nodes/pve/storage/local-lvm/content")).Should().BeEmpty();
        (await sim.Config(900)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task An_injected_clone_failure_removes_the_target_and_unlocks_the_source()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        sim.Cluster.Faults.FailNextTasks("vzclone", 1, "simulated rsync crash");

        // Act
        var failed = await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"));
        var retried = await sim.Run("POST", "/nodes/pve/lxc/900/clone", ("newid", "200"), ("full", "1"), ("storage", "local-lvm"));

        // Assert
        failed.Should().Be("clone failed: simulated rsync crash");
        retried.Should().Be("OK");
    }

    [Fact]
    public async Task Cloning_to_another_node_needs_shared_storage()
    {
        // Arrange
        await using var sim = new SimHarness(ClusterProfile.WithNodes(2, sharedNfs: true)) { Node = "pve1" };
        await sim.TemplateOk(900, "local-hdd:8");

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve1/lxc/900/clone", ("newid", "200"), ("full", "1"), ("target", "pve2"), ("storage", "local-lvm")),
            500,
            "can't clone to non-shared storage 'local-lvm'"
        );
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve1/lxc/900/clone", ("newid", "200"), ("full", "1"), ("target", "pve2")),
            500,
            "can't clone CT to node 'pve2' (CT uses local storage)"
        );
        var exit = await sim.Run("POST", "/nodes/pve1/lxc/900/clone", ("newid", "200"), ("full", "1"), ("target", "pve2"), ("storage", "shared-nfs"));
        exit.Should().Be("OK");
        var onPve2 = (JsonArray)(await sim.Get("/nodes/pve2/lxc"))!;
        onPve2.Select(c => (int)c!["vmid"]!).Should().Equal(200);
        await SimHarness.Fails(() => sim.Get("/nodes/pve1/lxc/200/config"), 500, "Configuration file 'nodes/pve1/lxc/200.conf' does not exist");
    }
}
