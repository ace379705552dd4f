using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Tests.Api;

public sealed class ApiPathSpecs
{
    [Fact]
    public void Segments_are_escaped_so_an_id_cannot_change_the_path()
    {
        // Act
        var path = ApiPath.Root["nodes"]["pve"]["storage"]["local-hdd"]["content"]["local-hdd:backup/vzdump-lxc-200.tar.zst"];
        var sneaky = ApiPath.Root["nodes"]["../access"]["lxc"][200];

        // Assert
        path.ToString().Should().Be("/nodes/pve/storage/local-hdd/content/local-hdd%3Abackup%2Fvzdump-lxc-200.tar.zst");
        sneaky.ToString().Should().Be("/nodes/..%2Faccess/lxc/200");
        ApiPath.Root.ToString().Should().Be("/");
    }

    [Fact]
    public void The_archive_name_is_read_from_the_vzdump_log()
    {
        // Arrange
        var log = new[]
        {
            "INFO: starting new backup job: vzdump 200 --storage local-hdd --mode stop",
            "INFO: creating vzdump archive '/mnt/hdd/dump/vzdump-lxc-200-2026_11_28-10_00_00.tar.zst'",
            "INFO: Finished Backup of VM 200 (00:00:12)",
        };

        // Act
        var name = ProxmoxApiHost.ArchiveNameFromLog(log);

        // Assert
        name.Should().Be("vzdump-lxc-200-2026_11_28-10_00_00.tar.zst");
    }
}
