using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task I_can_back_up_list_restore_and_delete_a_backup()
    {
        SkipIfExcluded(ContractScenario.BackupListRestore);

        // Arrange
        var vmid = await CreateContainerAsync(0, hostname: "contract-backup");
        var restored = Vmid(1);

        // Act
        var backup = await Host.BackupAsync(new BackupRequest(vmid, Env.BackupStorage) { Mode = BackupMode.Stop, Notes = "contract" });
        var listed = await Host.ListBackupsAsync(Env.BackupStorage, vmid);
        await Host.RestoreAsync(new RestoreRequest(restored, Env.Node, backup.VolumeId) { Storage = Env.ServiceStorage, Unique = true });

        // Assert
        backup.Vmid.Should().Be(vmid);
        backup.Storage.Should().Be(Env.BackupStorage);
        listed.Select(b => b.VolumeId).Should().Contain(backup.VolumeId);
        if (Target.View is not null)
            (await Target.View.ListBackupVolumesAsync(Env.BackupStorage)).Should().Contain(backup.VolumeId);
        var copy = await GetAsync(restored);
        copy.Config.Hostname.Should().Be("contract-backup");
        copy.Config.RootFs!.Storage.Should().Be(Env.ServiceStorage);
        copy.Config.Net(0)!.HardwareAddress.Should().NotBe((await GetAsync(vmid)).Config.Net(0)!.HardwareAddress, "--unique gives new MACs");
        await ViewShouldSeeAsync(restored, "hostname", "contract-backup");

        // Act + Assert: deleting the backup removes it from the list
        await Host.DeleteBackupAsync(backup.VolumeId);
        (await Host.ListBackupsAsync(Env.BackupStorage, vmid)).Select(b => b.VolumeId).Should().NotContain(backup.VolumeId);
    }

    [SkippableFact]
    public async Task I_can_snapshot_and_roll_back_a_container()
    {
        SkipIfExcluded(ContractScenario.SnapshotRollback);

        // Arrange: snapshots need a storage that supports them (the service store)
        var vmid = await CreateContainerAsync(0, storage: Env.ServiceStorage);

        // Act
        await Host.SnapshotAsync(vmid, "before", "contract snapshot");
        await Host.UpdateConfigAsync(vmid, ConfigChange.Of(("memory", "1024")));
        var snapshots = await Host.ListSnapshotsAsync(vmid);
        await Host.RollbackAsync(vmid, "before");

        // Assert
        snapshots.Should().Contain(s => s.Name == "before" && s.Description == "contract snapshot");
        snapshots.Should().NotContain(s => s.Name == "current");
        (await GetAsync(vmid)).Config.Memory.Should().Be(256, "the rollback restores the snapshot's config");
        await ViewShouldSeeAsync(vmid, "memory", "256");

        // Act + Assert: the snapshot can be removed
        await Host.DeleteSnapshotAsync(vmid, "before");
        (await Host.ListSnapshotsAsync(vmid)).Should().NotContain(s => s.Name == "before");
    }
}
