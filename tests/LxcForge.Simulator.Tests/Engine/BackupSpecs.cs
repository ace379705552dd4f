using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Engine;

public sealed class BackupSpecs
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public async Task A_backup_lands_as_storage_content_with_proxmox_naming_and_notes()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("hostname", "postgres"));

        // Act
        var upid = (string)
            (
                await sim.Post(
                    "/nodes/pve/vzdump",
                    ("vmid", "200"),
                    ("storage", "local-hdd"),
                    ("compress", "zstd"),
                    ("notes-template", "{{guestname}} on {{node}}")
                )
            )!;
        var exit = await sim.WaitTask(upid);
        var backups = await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup"));
        var log = await sim.TaskLog(upid);

        // Assert
        upid.Should().Contain(":vzdump:200:root@pam:");
        exit.Should().Be("OK");
        var backup = backups.Should().ContainSingle().Subject!;
        ((string)backup["volid"]!).Should().MatchRegex(@"^local-hdd:backup/vzdump-lxc-200-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}\.tar\.zst$");
        ((string)backup["notes"]!).Should().Be("postgres on pve");
        ((int)backup["vmid"]!).Should().Be(200);
        log.Should().Contain("INFO: backup mode: stop").And.Contain("INFO: Backup job finished successfully").And.EndWith("TASK OK");
    }

    [Fact]
    public async Task Snapshot_mode_falls_back_to_suspend_on_storage_without_snapshots()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-hdd:4");
        await sim.CreateOk(201, "local-lvm:4");
        await sim.StartOk(200);
        await sim.StartOk(201);

        // Act
        var onHdd = (string)(await sim.Post("/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd")))!;
        await sim.WaitTask(onHdd);
        var onLvm = (string)(await sim.Post("/nodes/pve/vzdump", ("vmid", "201"), ("storage", "local-hdd")))!;
        await sim.WaitTask(onLvm);

        // Assert
        (await sim.TaskLog(onHdd)).Should().Contain("INFO: mode failure - some volumes do not support snapshots").And.Contain("INFO: backup mode: suspend");
        (await sim.TaskLog(onLvm)).Should().Contain("INFO: backup mode: snapshot");
        ((string)(await sim.Status(200))["status"]!).Should().Be("running");
    }

    [Fact]
    public async Task During_a_backup_the_container_holds_lock_backup()
    {
        // Arrange
        await using var sim = new SimHarness(factor: 20);
        await sim.CreateOk(200, "local-hdd:4");

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd")))!;
        await SimHarness.WaitUntil(async () => (string?)(await sim.Config(200))["lock"] == "backup");
        await SimHarness.Fails(() => sim.Post("/nodes/pve/lxc/200/clone", ("newid", "201")), 500, "CT is locked (backup)");
        await sim.WaitTask(upid);

        // Assert
        (await sim.Config(200)).ContainsKey("lock").Should().BeFalse();
    }

    [Fact]
    public async Task A_locked_guest_makes_the_job_fail_with_job_errors()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        sim.Cluster.Faults.HoldLock(200, "create", TimeSpan.FromHours(1));

        // Act
        var upid = (string)(await sim.Post("/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd")))!;
        var exit = await sim.WaitTask(upid);

        // Assert
        exit.Should().Be("job errors");
        (await sim.TaskLog(upid)).Should().Contain("ERROR: Backup of VM 200 failed - CT is locked (create)");
    }

    [Fact]
    public async Task A_restore_brings_back_the_config_and_the_files_written_before_the_backup()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("hostname", "redis"), ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.20/24,hwaddr=BC:24:11:00:00:20"));
        await sim.StartOk(200);
        await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo precious > /root/data"], null, NoEnv);
        await sim.Run("POST", "/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd"), ("mode", "snapshot"), ("compress", "zstd"));
        var volid = (string)(await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup")))[0]!["volid"]!;
        await sim.Cluster.ExecAsync(200, ["sh", "-c", "echo overwritten > /root/data"], null, NoEnv);

        // Act
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", volid), ("restore", "1"), ("storage", "local-lvm")),
            500,
            "CT 200 already exists on node 'pve'"
        );
        await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", volid), ("restore", "1"), ("storage", "local-lvm"), ("force", "1")),
            500,
            "can't overwrite running container"
        );
        await sim.Run("POST", "/nodes/pve/lxc/200/status/stop");
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "200"), ("ostemplate", volid), ("restore", "1"), ("storage", "local-lvm"), ("force", "1"));
        await sim.StartOk(200);
        var read = await sim.Cluster.ExecAsync(200, ["cat", "/root/data"], null, NoEnv);
        var config = await sim.Config(200);

        // Assert
        exit.Should().Be("OK");
        read.StandardOutput.Should().Be("precious\n");
        ((string)config["hostname"]!).Should().Be("redis");
        ((string)config["net0"]!).Should().Contain("hwaddr=BC:24:11:00:00:20");
        ((string)config["rootfs"]!).Should().Be("local-lvm:vm-200-disk-0,size=8G");
    }

    [Fact]
    public async Task Restore_with_unique_gives_new_macs_and_storage_picks_where_disks_go()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200, "local-lvm:8", ("net0", "name=eth0,bridge=vmbr2,ip=10.0.30.20/24,hwaddr=BC:24:11:00:00:20"));
        await sim.Run("POST", "/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd"));
        var volid = (string)(await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup")))[0]!["volid"]!;

        // Act
        var noRootdir = await SimHarness.Fails(
            () => sim.Post("/nodes/pve/lxc", ("vmid", "210"), ("ostemplate", volid), ("restore", "1")),
            400,
            "Parameter verification failed."
        );
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "210"), ("ostemplate", volid), ("restore", "1"), ("storage", "local-hdd"), ("unique", "1"));
        var config = await sim.Config(210);

        // Assert
        noRootdir.Errors["storage"].Should().Be("storage 'local' does not support container directories");
        exit.Should().Be("OK");
        ((string)config["rootfs"]!).Should().Be("local-hdd:210/vm-210-disk-0.raw,size=8G");
        ((string)config["net0"]!).Should().NotContain("BC:24:11:00:00:20").And.Contain("ip=10.0.30.20/24");
    }

    [Fact]
    public async Task A_template_is_restored_as_a_template()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.TemplateOk(900);
        await sim.Run("POST", "/nodes/pve/vzdump", ("vmid", "900"), ("storage", "local-hdd"));
        var volid = (string)(await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup")))[0]!["volid"]!;

        // Act
        var exit = await sim.Run("POST", "/nodes/pve/lxc", ("vmid", "901"), ("ostemplate", volid), ("restore", "1"), ("storage", "local-hdd"));
        var config = await sim.Config(901);

        // Assert
        exit.Should().Be("OK");
        ((long)config["template"]!).Should().Be(1);
        ((string)config["rootfs"]!).Should().Be("local-hdd:901/base-901-disk-0.raw,size=8G");
    }

    [Fact]
    public async Task Deleting_a_backup_removes_it_from_the_storage()
    {
        // Arrange
        await using var sim = new SimHarness();
        await sim.CreateOk(200);
        await sim.Run("POST", "/nodes/pve/vzdump", ("vmid", "200"), ("storage", "local-hdd"));
        var volid = (string)(await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup")))[0]!["volid"]!;

        // Act
        var exit = await sim.Run("DELETE", $"/nodes/pve/storage/local-hdd/content/{Uri.EscapeDataString(volid)}");

        // Assert
        exit.Should().Be("OK");
        (await sim.List("/nodes/pve/storage/local-hdd/content", ("content", "backup"))).Should().BeEmpty();
    }
}
