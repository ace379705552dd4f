using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class TemplateSpecs
{
    [Fact]
    public async Task Template_returns_null_and_a_vztemplate_task_renames_the_disk_to_a_base_volume()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(900, "local-hdd:8");

        // Act
        var result = await sim.Post("/nodes/pve/lxc/900/template");
        await SimHarness.WaitUntil(async () => (await sim.Config(900)).ContainsKey("template"));
        var tasks = (JsonArray)(await sim.Get("/nodes/pve/tasks", ("vmid", "900"), ("typefilter", "vztemplate"), ("source", "all")))!;

        // Assert
        result.Should().BeNull();
        ((string)(await sim.Config(900))["rootfs"]!).Should().Be("local-hdd:900/base-900-disk-0.raw,size=8G");
        tasks.Should().HaveCount(1);
        (await sim.WaitTask((string)tasks[0]!["upid"]!)).Should().Be("OK");
    }

    [Fact]
    public async Task Template_is_refused_synchronously_when_running_or_already_a_template()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        await sim.CreateOk(200);
        await sim.StartOk(200);

        // Act / Assert
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/900/template"), 500, "you can't convert a template to a template");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/template"), 500, "you can't convert a CT to template if the CT is running");
    }

    [Fact]
    public async Task Lvm_thick_storage_has_no_template_feature()
    {
        // Arrange
        var profile = LxcForge.Simulator.Engine.Profiles.ClusterProfile.Default with
        {
            Nodes =
            [
                LxcForge.Simulator.Engine.Profiles.NodeProfile.Seed("pve") with
                {
                    Storages =
                    [
                        LxcForge.Simulator.Engine.Profiles.StorageProfile.Local,
                        new("thick", "lvm", new HashSet<string> { "rootdir", "images" }, 100L << 30),
                    ],
                },
            ],
        };
        await using var sim = new SimHarness(profile);
        await sim.CreateOk(900, "thick:2");

        // Act
        await sim.Post("/nodes/pve/lxc/900/template");
        var tasks = (JsonArray)(await sim.Get("/nodes/pve/tasks", ("typefilter", "vztemplate"), ("source", "all")))!;
        var exit = await sim.WaitTask((string)tasks[0]!["upid"]!);

        // Assert
        exit.Should().Be("Template feature is not available for 'thick:vm-900-disk-0'");
        (await sim.Config(900)).ContainsKey("template").Should().BeFalse();
    }
}
