using LxcForge.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Infrastructure;

public class ConfirmSpecs
{
    /// <summary>A stand-in for a destructive verb: exit 0 when confirmed, 1 when the answer is no.</summary>
    private sealed class ProbeCommand(CliConsole io) : LxcForgeCommand<GlobalSettings>(io)
    {
        protected override Task<int> RunAsync(GlobalSettings settings, CancellationToken cancellationToken) =>
            Task.FromResult(Confirm(settings, "Destroy CT 200?") ? ExitCodes.Ok : ExitCodes.StepFailed);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(TestConsole stderr, params string[] args)
    {
        using var stdout = new TestConsole();
        var io = new CliConsole(stdout, stderr, ".");
        var code = await CliApp.Create(io, c => c.AddCommand<ProbeCommand>("probe")).RunAsync(args);
        return (code, stderr.Output);
    }

    [Fact]
    public async Task Yes_confirms_without_asking()
    {
        using var stderr = new TestConsole();

        var (code, output) = await RunAsync(stderr, "probe", "--yes");

        code.Should().Be(ExitCodes.Ok);
        output.Should().NotContain("Destroy");
    }

    [Fact]
    public async Task Off_a_terminal_nothing_is_asked_and_the_command_stops_with_exit_2()
    {
        using var stderr = new TestConsole();

        var (code, output) = await RunAsync(stderr, "probe");

        code.Should().Be(ExitCodes.BadInput);
        output.Should().Contain("Destroy CT 200? Not asked: this is not a terminal; pass --yes to confirm.");
    }

    [Theory]
    [InlineData("y", ExitCodes.Ok)]
    [InlineData("n", ExitCodes.StepFailed)]
    public async Task On_a_terminal_the_answer_decides(string answer, int expected)
    {
        // Arrange
        using var stderr = new TestConsole();
        stderr.Interactive();
        stderr.Input.PushTextWithEnter(answer);

        // Act
        var (code, output) = await RunAsync(stderr, "probe");

        // Assert
        code.Should().Be(expected);
        output.Should().Contain("Destroy CT 200?");
    }
}
