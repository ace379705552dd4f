using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Core.Tests.Recovery;

/// <summary>Backups and restores against the simulator, whose sandboxes make a container's data observable.</summary>
public sealed class BackupRestoreSpecs
{
    private static readonly FleetSpec Redis = FleetDefaults.Seed with
    {
        Services = [FleetDefaults.Seed.FindService("redis")!],
        Templates = [FleetDefaults.Seed.FindTemplate("redis")!],
    };

    private static async Task<SimulatedFleet> DeployedAsync()
    {
        var sim = await SimulatedFleet.StartAsync(Redis);
        (await sim.DeployAsync(Redis)).Succeeded.Should().BeTrue();
        return sim;
    }

    [Fact]
    public async Task A_restore_brings_back_data_written_before_the_backup()
    {
        // Arrange: data, a backup, then the data changes.
        await using var sim = await DeployedAsync();
        await sim.ShellAsync(201, "echo 'written before the backup' > /root/data.txt");
        await new BackupService(sim.Host).BackupAsync(Redis, 201);
        await sim.ShellAsync(201, "echo 'written after the backup' > /root/data.txt");

        // Act
        var outcome = await new RestoreService(sim.Host).RestoreAsync(Redis, 201, 201, null, force: true);
        await sim.Host.StartAsync(201);

        // Assert
        (await sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("written before the backup\n");
        outcome.SafetyBackup.Should().NotBeNull("the replaced container was saved first");
    }

    [Fact]
    public async Task A_failed_backup_prunes_nothing()
    {
        // Arrange: one backup, keep-last 1, and the next vzdump fails.
        await using var sim = await DeployedAsync();
        var fleet = Redis with
        {
            Backup = Redis.Backup with
            {
                Retention = new RetentionSpec
                {
                    KeepLast = 1,
                    KeepDaily = null,
                    KeepWeekly = null,
                },
            },
        };
        var first = await new BackupService(sim.Host).BackupAsync(fleet, 201);
        sim.Cluster.Faults.FailNextTasks("vzdump", 1, "simulated disk error");

        // Act
        var act = () => new BackupService(sim.Host).BackupAsync(fleet, 201);

        // Assert
        await act.Should().ThrowAsync<HostException>();
        (await sim.Host.ListBackupsAsync("local-hdd", 201)).Select(b => b.VolumeId).Should().Contain(first.Backup.VolumeId);
    }

    [Fact]
    public async Task A_restore_that_fails_half_way_puts_the_old_container_back()
    {
        // Arrange
        await using var sim = await DeployedAsync();
        await new BackupService(sim.Host).BackupAsync(Redis, 201);
        await sim.ShellAsync(201, "echo 'the current data' > /root/data.txt");
        var backup = (await new BackupService(sim.Host).ListAsync(Redis, 201)).Last();
        sim.Cluster.Faults.FailNextTasks("vzrestore", 1, "archive truncated");

        // Act
        var act = () => new RestoreService(sim.Host).RestoreAsync(Redis, 201, 201, backup.VolumeId, force: true);

        // Assert
        (await act.Should().ThrowAsync<HostException>()).WithMessage("*the container was put back as it was*");
        (await sim.Host.GetContainerAsync(201)).Should().NotBeNull();
        await sim.Host.StartAsync(201);
        (await sim.ShellAsync(201, "cat /root/data.txt")).Should().Be("the current data\n");
    }
}
