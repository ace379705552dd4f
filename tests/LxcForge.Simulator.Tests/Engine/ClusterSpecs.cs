using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Profiles;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class ClusterSpecs
{
    [Fact]
    public async Task The_default_profile_is_the_seeds_single_node_host()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var version = await sim.Get("/version");
        var nodes = (JsonArray)(await sim.Get("/nodes"))!;
        var storages = (JsonArray)(await sim.Get("/nodes/pve/storage"))!;
        var bridges = (JsonArray)(await sim.Get("/nodes/pve/network", ("type", "bridge")))!;

        // Assert
        ((string)version!["release"]!).Should().Be("9.1");
        nodes.Select(n => (string)n!["node"]!).Should().Equal("pve");
        storages
            .Select(s => $"{s!["storage"]}:{s["type"]}:{s["content"]}")
            .Should()
            .Equal("local:dir:backup,iso,vztmpl", "local-hdd:dir:backup,images,rootdir,vztmpl", "local-lvm:lvmthin:images,rootdir");
        ((long)storages[1]!["total"]!).Should().Be(500_000_000_000);
        ((long)storages[2]!["total"]!).Should().Be(148L << 30);
        bridges.Select(b => (string)b!["iface"]!).Should().Equal("vmbr0", "vmbr1", "vmbr2");
    }

    [Fact]
    public async Task A_nodes_profile_makes_a_cluster_where_each_node_has_its_own_local_storages()
    {
        // Arrange
        await using var sim = new SimHarness(ClusterProfile.WithNodes(3, sharedNfs: true)) { Node = "pve2" };

        // Act
        var nodes = (JsonArray)(await sim.Get("/nodes"))!;
        await sim.CreateOk(300, "local-lvm:2");
        var pve1 = (JsonArray)(await sim.Get("/nodes/pve1/storage/local-lvm/content"))!;
        var pve2 = (JsonArray)(await sim.Get("/nodes/pve2/storage/local-lvm/content"))!;
        var shared = (JsonArray)(await sim.Get("/nodes/pve3/storage", ("storage", "shared-nfs")))!;

        // Assert
        nodes.Select(n => (string)n!["node"]!).Should().Equal("pve1", "pve2", "pve3");
        pve1.Should().BeEmpty();
        pve2.Select(v => (string)v!["volid"]!).Should().Equal("local-lvm:vm-300-disk-0");
        ((int)shared[0]!["shared"]!).Should().Be(1);
    }

    [Fact]
    public async Task Cluster_resources_lists_containers_with_their_node_status_and_template_flag()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act
        var vms = (JsonArray)(await sim.Get("/cluster/resources", ("type", "vm")))!;

        // Assert
        vms.Select(v => $"{v!["id"]} {v["node"]} {v["status"]} {v["template"]}").Should().Equal("lxc/200 pve running 0", "lxc/900 pve stopped 1");
    }

    [Fact]
    public async Task Nextid_returns_the_lowest_free_id_from_100_and_refuses_a_used_one_with_a_400()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(100, "local-lvm:1");

        // Act
        var next = await sim.Get("/cluster/nextid");
        var free = await sim.Get("/cluster/nextid", ("vmid", "150"));
        var used = await SimHarness.Fails(() => sim.Get("/cluster/nextid", ("vmid", "100")), 400, "Parameter verification failed.");

        // Assert
        ((string)next!).Should().Be("101");
        ((string)free!).Should().Be("150");
        used.Errors["vmid"].Should().Be("VM 100 already exists");
    }

    [Fact]
    public async Task An_unknown_path_is_not_implemented()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act / Assert
        await SimHarness.Fails(() => sim.Get("/nodes/pve/qemu"), 501, "Method 'GET /nodes/pve/qemu' not implemented");
    }
}
