using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Tests.Shell.Runners;

public class PosixQuotingSpecs
{
    public static TheoryData<string> AwkwardWords =>
        new()
        {
            "plain",
            "",
            "two words",
            "it's",
            "'",
            "''",
            "$HOME",
            "`id`",
            "$(id)",
            "a\"b",
            "back\\slash",
            "semi;colon",
            "new\nline",
            "*",
            "~",
            "-n",
            "--",
            "ümlaut",
        };

    [Theory]
    [MemberData(nameof(AwkwardWords))]
    public async Task A_quoted_word_reaches_the_program_unchanged_through_a_real_shell(string word)
    {
        // Arrange: what an SSH server does with a command line: sh -c "<line>"
        var line = $"printf '%s' {PosixQuoting.Quote(word)}";

        // Act
        var output = await new LocalCommandRunner().RunAsync(new CommandSpec("sh", ["-c", line]));

        // Assert
        output.StandardOutput.Should().Be(word);
        output.ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("local-lvm:vm-200-disk-0,size=8G", "local-lvm:vm-200-disk-0,size=8G")]
    [InlineData("two words", "'two words'")]
    [InlineData("", "''")]
    public void Plain_words_stay_readable_in_messages(string word, string shown)
    {
        PosixQuoting.QuoteIfNeeded(word).Should().Be(shown);
    }
}
