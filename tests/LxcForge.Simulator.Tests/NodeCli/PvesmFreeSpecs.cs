using LxcForge.Simulator.NodeCli;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary><c>pvesm free VOLID</c> deletes through the storage content API, following its task.</summary>
public class PvesmFreeSpecs
{
    [Fact]
    public async Task Free_deletes_the_volume_on_the_storage_named_in_its_id()
    {
        // Arrange
        var api = new StubPveApi();
        var upid = api.FinishedTask("imgdel", "", "OK");
        api.On("DELETE", "/nodes/pve/storage/local-hdd/content/local-hdd%3Abackup%2Fvzdump-lxc-300-2026_11_28-10_00_00.tar.zst", _ => upid);
        var cli = new NodeCommandLine(api, new StubExec(new SimExecResult(0, "", "")));

        // Act
        var result = await cli.RunAsync(
            "pve",
            "pvesm",
            ["free", "local-hdd:backup/vzdump-lxc-300-2026_11_28-10_00_00.tar.zst"],
            null,
            new Dictionary<string, string>()
        );

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        api.Calls.Should().Contain(c => c.Method == "DELETE");
    }

    [Fact]
    public async Task A_volume_id_without_a_storage_is_refused()
    {
        var cli = new NodeCommandLine(new StubPveApi(), new StubExec(new SimExecResult(0, "", "")));

        var result = await cli.RunAsync("pve", "pvesm", ["free", "no-storage-here"], null, new Dictionary<string, string>());

        result.ExitCode.Should().Be(255);
        result.StandardError.Should().Contain("unable to parse volume ID 'no-storage-here'");
    }
}
