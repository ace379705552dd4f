using LxcForge.Core.Hosting;

namespace LxcForge.Core.Tests.Hosting;

public sealed class KnownCausesSpecs
{
    [Theory]
    [InlineData("task vzclone 901 failed: command 'rsync --stats -X -A --numeric-ids -aH --whole-file --sparse /a/ /b' failed: exit code 11")]
    [InlineData("task vzdump 200 failed: write failed: No space left on device")]
    public void A_full_storage_is_said_first_with_the_storage_named(string raw)
    {
        // Act
        var explained = KnownCauses.Explain(new HostException(HostErrorKind.TaskFailed, raw) { Vmid = 201 }, "local-lvm");

        // Assert
        explained.Message.Should().Be($"no space left on local-lvm: {raw}");
        explained.Vmid.Should().Be(201);
    }

    [Fact]
    public void A_no_space_line_in_the_task_log_is_recognised_too()
    {
        // Act
        var e = new HostException(HostErrorKind.TaskFailed, "task vzrestore 200 failed: exit code 2")
        {
            LogTail = ["tar: ./var/lib: Cannot write: No space left on device"],
        };

        // Assert
        KnownCauses.Explain(e, "local-lvm").Message.Should().StartWith("no space left on local-lvm: ");
    }

    [Fact]
    public void Other_failures_are_left_as_they_are()
    {
        // Arrange
        var e = new HostException(HostErrorKind.TaskFailed, "task vzclone 901 failed: exit code 11");

        // Act & Assert
        KnownCauses.Explain(e, "local-lvm").Should().BeSameAs(e);
    }
}
