using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class StorageSpecs
{
    [Fact]
    public async Task One_debian_template_is_already_downloaded_to_local()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var content = (JsonArray)(await sim.Get("/nodes/pve/storage/local/content", ("content", "vztmpl")))!;

        // Assert
        content.Select(v => (string)v!["volid"]!).Should().Equal(SimHarness.Debian12);
    }

    [Fact]
    public async Task Aplinfo_offers_debian_12_and_13_and_a_download_puts_the_file_in_the_storage()
    {
        // Arrange
        await using var sim = new SimHarness();
        var available = (JsonArray)(await sim.Get("/nodes/pve/aplinfo"))!;
        var debian13 = available.Select(t => (string)t!["template"]!).Single(t => t.StartsWith("debian-13-standard", StringComparison.Ordinal));

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/aplinfo", ("storage", "local-hdd"), ("template", debian13)))!;
        var exit = await sim.WaitTask(upid);
        var again = await sim.Run("POST", "/nodes/pve/aplinfo", ("storage", "local-hdd"), ("template", debian13));
        var content = (JsonArray)(await sim.Get("/nodes/pve/storage/local-hdd/content", ("content", "vztmpl")))!;

        // Assert
        available.Select(t => (string)t!["template"]!).Should().Contain(t => t.StartsWith("debian-12-standard", StringComparison.Ordinal));
        upid.Should().Contain($":download:{debian13}:root@pam:");
        exit.Should().Be("OK");
        again.Should().Be("OK");
        content.Select(v => (string)v!["volid"]!).Should().Equal($"local-hdd:vztmpl/{debian13}");
        (await sim.TaskLog(upid)).Should().Contain("calculating checksum...OK, checksum verified");
    }

    [Fact]
    public async Task Downloading_an_unknown_template_is_a_parameter_error()
    {
        // Arrange
        await using var sim = new SimHarness();

        // Act
        var ex = await SimHarness.Fails(
            () => sim.Post("/nodes/pve/aplinfo", ("storage", "local"), ("template", "nope.tar.zst")),
            400,
            "Parameter verification failed."
        );

        // Assert
        ex.Errors["template"].Should().Be("no such template");
    }

    [Fact]
    public async Task Creating_a_container_accounts_its_used_bytes_on_the_storage()
    {
        // Arrange
        await using var sim = new SimHarness();
        var before = (long)(await sim.Get("/nodes/pve/storage/local-lvm/status"))!["used"]!;

        // Act
        await sim.CreateOk(200);
        var after = (long)(await sim.Get("/nodes/pve/storage/local-lvm/status"))!["used"]!;

        // Assert
        (after - before).Should().Be(520L << 20);
    }

    [Fact]
    public async Task A_volume_still_used_by_a_container_cannot_be_deleted_but_a_free_one_can()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);

        // Act / Assert
        await SimHarness.Fails(
            () => sim.Delete("/nodes/pve/storage/local-lvm/content/local-lvm:vm-200-disk-0"),
            500,
            "unable to delete volume 'local-lvm:vm-200-disk-0' - volume is still in use by CT 200"
        );
        (await sim.Run("DELETE", $"/nodes/pve/storage/local/content/{Uri.EscapeDataString(SimHarness.Debian12)}")).Should().Be("OK");
        (await sim.List("/nodes/pve/storage/local/content")).Should().BeEmpty();
    }
}
