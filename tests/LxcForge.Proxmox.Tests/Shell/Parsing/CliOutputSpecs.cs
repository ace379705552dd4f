using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;

namespace LxcForge.Proxmox.Tests.Shell.Parsing;

/// <summary>The node CLI's printed formats, on the exact samples of docs/proxmox-behaviour.md#cli-output and #vzdump-log.</summary>
public class CliOutputSpecs
{
    [Fact]
    public void I_can_read_a_snapshot_tree_with_parents_times_and_descriptions()
    {
        // Arrange: "`->" + name padded to 30 - prefix, time padded to 23, first description line; children one space deeper
        const string text =
            "`-> base                          2026-11-28 10:00:00     clean install\n"
            + " `-> configured                   2026-11-28 11:30:15     no-description\n"
            + "  `-> current                                             You are here!\n";

        // Act
        var snapshots = SnapshotTree.Parse(text);

        // Assert
        snapshots
            .Should()
            .Equal(
                new SnapshotInfo("base", null, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), "clean install"),
                new SnapshotInfo("configured", "base", new DateTimeOffset(2026, 11, 28, 11, 30, 15, TimeSpan.Zero), null)
            );
    }

    [Fact]
    public void A_container_without_snapshots_lists_only_current_which_is_not_a_snapshot()
    {
        SnapshotTree.Parse("`-> current                                             You are here!\n").Should().BeEmpty();
    }

    [Fact]
    public void I_can_read_pveam_list_with_its_header_and_sizes_in_megabytes()
    {
        // Arrange
        const string text =
            "NAME                                                         SIZE  \n"
            + "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst        123.46MB\n"
            + "local:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz       3.05MB\n";

        // Act
        var templates = PveamOutput.ParseList(text);

        // Assert
        templates
            .Should()
            .Equal(
                new OsTemplateInfo("local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "debian-12-standard_12.12-1_amd64.tar.zst", 129_457_193),
                new OsTemplateInfo("local:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz", "alpine-3.22-default_20250617_amd64.tar.xz", 3_198_157)
            );
    }

    [Theory]
    [InlineData("system          debian-12-standard_12.12-1_amd64.tar.zst\n")]
    [InlineData("system          debian-12-standard_12.12-1_amd64.tar.zst                     amd64\n")]
    public void I_can_read_pveam_available_in_the_old_and_the_new_layout(string text)
    {
        PveamOutput.ParseAvailable(text).Should().Equal("debian-12-standard_12.12-1_amd64.tar.zst");
    }

    [Fact]
    public void An_empty_pveam_list_has_only_its_header()
    {
        PveamOutput.ParseList("NAME                                                         SIZE  \n").Should().BeEmpty();
    }

    [Fact]
    public void I_can_read_pct_list_by_column_positions_with_a_blank_lock()
    {
        // Arrange: printf "%-10s %-10s %-12s %-20s\n", trailing spaces included
        const string text =
            "VMID       Status     Lock         Name                \n"
            + "200        running                 postgres            \n"
            + "900        stopped    disk         tpl-postgres        \n";

        // Act
        var rows = PctList.Parse(text);

        // Assert
        rows.Should()
            .Equal(new PctList.Row(200, ContainerStatus.Running, null, "postgres"), new PctList.Row(900, ContainerStatus.Stopped, "disk", "tpl-postgres"));
    }

    [Fact]
    public void Pct_list_prints_nothing_when_there_are_no_containers()
    {
        PctList.Parse("").Should().BeEmpty();
    }

    [Theory]
    [InlineData("status: running\n", ContainerStatus.Running)]
    [InlineData("status: stopped\n", ContainerStatus.Stopped)]
    public void I_can_read_pct_status(string text, ContainerStatus expected)
    {
        PctStatus.Parse(text).Should().Be(expected);
    }

    [Fact]
    public void I_can_read_the_archive_its_size_and_time_from_a_vzdump_log()
    {
        // Arrange
        const string log =
            "INFO: starting new backup job: vzdump 200 --storage local-hdd --mode snapshot --compress zstd\n"
            + "INFO: backup mode: snapshot\n"
            + "INFO: creating vzdump archive '/mnt/hdd/dump/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst'\n"
            + "INFO: archive file size: 512M\n"
            + "INFO: Finished Backup of VM 200 (00:00:12)\n"
            + "INFO: Backup job finished successfully\n";

        // Act
        var path = VzdumpLog.ArchivePath(log);

        // Assert
        path.Should().Be("/mnt/hdd/dump/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst");
        VzdumpLog.ArchiveSize(log).Should().Be(512L * 1024 * 1024);
        BackupName.CreatedAt(Path.GetFileName(path!)).Should().Be(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        BackupName.Vmid(path!).Should().Be(200);
    }

    [Fact]
    public void Warnings_printed_by_a_worker_are_returned_and_no_task_id_is_invented()
    {
        // Act
        var outcome = TaskOutput.Outcome("WARN: Systemd 257 detected. You may need to enable nesting.\n", "Task finished with 1 warning(s)!\n");

        // Assert
        outcome.TaskId.Should().BeNull();
        outcome.Warnings.Should().Equal("Systemd 257 detected. You may need to enable nesting.");
    }

    [Theory]
    [InlineData("{\"n\":1,\"s\":\"1\",\"t\":true,\"f\":0,\"big\":98497780000,\"real\":12.5}")]
    public void Pvesh_json_numbers_and_booleans_are_read_whether_printed_as_numbers_or_strings(string json)
    {
        // Arrange
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(json);
        var built = new System.Text.Json.Nodes.JsonObject
        {
            ["n"] = 1,
            ["s"] = "1",
            ["t"] = true,
            ["f"] = 0,
            ["big"] = 98497780000L,
            ["real"] = 12.5,
        };

        // Act + Assert: the same answers from parsed text and from values built in code
        foreach (var node in new[] { parsed, built })
        {
            PveshJson.Long(node, "n").Should().Be(1);
            PveshJson.Long(node, "s").Should().Be(1);
            PveshJson.Long(node, "big").Should().Be(98497780000);
            PveshJson.Long(node, "real").Should().Be(12);
            PveshJson.Bool(node, "t").Should().BeTrue();
            PveshJson.Bool(node, "f").Should().BeFalse();
            PveshJson.Bool(node, "s").Should().BeTrue();
            PveshJson.Bool(node, "missing", fallback: true).Should().BeTrue();
            PveshJson.Str(node, "n").Should().Be("1");
        }
    }
}
