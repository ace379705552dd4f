using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Backups;

public class RetentionPolicySpecs
{
    private static BackupInfo Backup(int day, int hour = 10, bool isProtected = false)
    {
        var at = new DateTimeOffset(2026, 11, day, hour, 0, 0, TimeSpan.Zero);
        return new BackupInfo($"local-hdd:backup/vzdump-lxc-200-{at:yyyy_MM_dd-HH_mm_ss}.tar.zst", "local-hdd", 200, at, 1000, null, isProtected);
    }

    [Fact]
    public void Keep_last_keeps_the_newest_n_and_prunes_the_rest()
    {
        var backups = Enumerable.Range(1, 5).Select(d => Backup(d)).ToList();

        var prune = RetentionPolicy.ToPrune(
            backups,
            new RetentionSpec
            {
                KeepLast = 2,
                KeepDaily = null,
                KeepWeekly = null,
            }
        );

        prune.Select(b => b.CreatedAt.Day).Should().BeEquivalentTo([3, 2, 1]);
    }

    [Fact]
    public void Keep_daily_keeps_the_newest_backup_of_each_day()
    {
        var backups = new[] { Backup(10, 8), Backup(10, 20), Backup(11, 8), Backup(11, 9), Backup(12, 1) };

        var prune = RetentionPolicy.ToPrune(
            backups,
            new RetentionSpec
            {
                KeepLast = null,
                KeepDaily = 2,
                KeepWeekly = null,
            }
        );

        prune.Select(b => (b.CreatedAt.Day, b.CreatedAt.Hour)).Should().BeEquivalentTo([(11, 8), (10, 20), (10, 8)]);
    }

    [Fact]
    public void A_backup_kept_by_any_rule_survives_and_protected_ones_are_never_pruned()
    {
        var backups = new[] { Backup(1, isProtected: true), Backup(2), Backup(3), Backup(20), Backup(21) };

        var prune = RetentionPolicy.ToPrune(
            backups,
            new RetentionSpec
            {
                KeepLast = 1,
                KeepDaily = null,
                KeepWeekly = 2,
            }
        );

        prune.Select(b => b.CreatedAt.Day).Should().BeEquivalentTo([20, 2]);
    }

    [Fact]
    public void No_rules_means_nothing_is_pruned()
    {
        RetentionPolicy
            .ToPrune(
                [Backup(1), Backup(2)],
                new RetentionSpec
                {
                    KeepLast = null,
                    KeepDaily = null,
                    KeepWeekly = null,
                    KeepMonthly = null,
                }
            )
            .Should()
            .BeEmpty();
    }

    [Theory]
    [InlineData("local-hdd:backup/vzdump-lxc-200-2026_11_28-10_00_05.tar.zst", 200, "2026-11-28T10:00:05Z")]
    [InlineData("vzdump-lxc-9001-2025_01_02-03_04_05.tar", 9001, "2025-01-02T03:04:05Z")]
    public void Backup_names_give_the_container_and_the_time(string name, int vmid, string at)
    {
        BackupName.TryParse(name, out var v, out var created).Should().BeTrue();
        v.Should().Be(vmid);
        created.Should().Be(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        BackupName.TryParse("vzdump-qemu-100-2025_01_02-03_04_05.vma.zst", out _, out _).Should().BeFalse();
    }

    [Fact]
    public void A_formatted_backup_name_reads_back_and_only_whole_names_are_backups()
    {
        // Act
        var name = BackupName.Format(201, new DateTimeOffset(2026, 11, 28, 11, 0, 5, TimeSpan.FromHours(1)), ".tar.zst");

        // Assert
        name.Should().Be("vzdump-lxc-201-2026_11_28-10_00_05.tar.zst");
        BackupName.Vmid("/var/lib/vz/dump/" + name).Should().Be(201);
        BackupName.CreatedAt("local:backup/" + name).Should().Be(new DateTimeOffset(2026, 11, 28, 10, 0, 5, TimeSpan.Zero));
        BackupName.Vmid("xvzdump-lxc-201-2026_11_28-10_00_05.tar.zst").Should().BeNull();
        BackupName.Vmid(name + ".dat").Should().BeNull();
    }

    [Fact]
    public void Safety_copies_do_not_count_toward_retention_and_only_the_newest_one_is_kept()
    {
        // Arrange: one real backup, three restore --force safety copies, then a new real backup; keep-last 3
        static BackupInfo Safety(int day) => Backup(day) with { Notes = SafetyCopy.NotesPrefix + " before restore of x" };
        var backups = new[] { Backup(1), Safety(2), Safety(3), Safety(4), Backup(5) };

        // Act
        var prune = RetentionPolicy.ToPrune(
            backups,
            new RetentionSpec
            {
                KeepLast = 3,
                KeepDaily = null,
                KeepWeekly = null,
            }
        );

        // Assert: both real backups stay; the two older safety copies go
        prune.Select(b => b.CreatedAt.Day).Should().BeEquivalentTo([2, 3]);
    }

    [Fact]
    public void Safety_copies_are_counted_per_container()
    {
        // Arrange
        static BackupInfo Safety(int vmid, int day) => Backup(day) with { Vmid = vmid, VolumeId = $"v{vmid}-{day}", Notes = SafetyCopy.NotesPrefix };

        // Act
        var prune = RetentionPolicy.ToPrune(
            [Safety(200, 1), Safety(201, 2)],
            new RetentionSpec
            {
                KeepLast = null,
                KeepDaily = null,
                KeepWeekly = null,
            }
        );

        // Assert
        prune.Should().BeEmpty();
    }
}
