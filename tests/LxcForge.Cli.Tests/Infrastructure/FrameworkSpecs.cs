using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Testing.Utils;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Infrastructure;

public class FrameworkSpecs
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("validate", "--bogus")]
    [InlineData("validate", "--output", "xml")]
    [InlineData("init", "extra-argument")]
    public async Task Usage_errors_exit_2_with_the_error_on_stderr(params string[] args)
    {
        // Arrange
        using var dir = TempDir.Create();

        // Act
        var run = await CliRun.InAsync(dir.Path, args);

        // Assert
        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Stderr.Should().Contain("lxcforge --help");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_the_global_options()
    {
        using var dir = TempDir.Create();

        var root = await CliRun.InAsync(dir.Path, "--help");
        var validate = await CliRun.InAsync(dir.Path, "validate", "--help");

        root.ExitCode.Should().Be(ExitCodes.Ok);
        root.Stdout.Should().Contain("init").And.Contain("validate");
        validate.Stdout.Should().Contain("--host").And.Contain("--file").And.Contain("--output").And.Contain("--yes").And.Contain("--verbose");
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        using var dir = TempDir.Create();

        var run = await CliRun.InAsync(dir.Path, "--version");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Stdout.Trim().Should().Be(CliApp.Version);
    }

    [Theory]
    [InlineData(HostErrorKind.Unreachable, ExitCodes.HostUnreachable)]
    [InlineData(HostErrorKind.AuthenticationFailed, ExitCodes.HostUnreachable)]
    [InlineData(HostErrorKind.TaskFailed, ExitCodes.StepFailed)]
    [InlineData(HostErrorKind.Locked, ExitCodes.StepFailed)]
    public void Host_failures_map_to_their_exit_codes_in_one_place(HostErrorKind kind, int expected)
    {
        // Arrange
        using var stdout = new TestConsole();
        using var stderr = new TestConsole();
        var io = new CliConsole(stdout, stderr, ".");

        // Act
        var code = ErrorHandler.Handle(new HostException(kind, "connection refused by 127.0.0.1:8006"), io);

        // Assert
        code.Should().Be(expected);
        stderr.Output.Should().Contain("error: connection refused by 127.0.0.1:8006");
        stdout.Output.Should().BeEmpty();
    }

    [Fact]
    public void In_json_mode_an_error_is_also_a_json_document_on_stdout()
    {
        using var stdout = new TestConsole();
        using var stderr = new TestConsole();
        var io = new CliConsole(stdout, stderr, ".") { Mode = OutputMode.Json };

        var code = ErrorHandler.Handle(new HostException(HostErrorKind.Unreachable, "no route"), io);

        code.Should().Be(ExitCodes.HostUnreachable);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout.Output);
        doc.RootElement.GetProperty("error").GetProperty("exitCode").GetInt32().Should().Be(3);
        doc.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Be("no route");
    }

    [Fact]
    public async Task Commands_that_read_the_spec_stop_with_exit_2_when_it_is_invalid()
    {
        // Arrange
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "services:\n  - name: redis\n    cores: 0\n");
        var settings = new GlobalSettings();
        using var stdout = new TestConsole();
        using var stderr = new TestConsole();
        var io = new CliConsole(stdout, stderr, dir.Path);

        // Act
        var act = () => SpecLoader.Load(io, settings);

        // Assert
        var error = act.Should().Throw<InvalidSpecException>().Which;
        error.Problems.Should().ContainSingle().Which.ToString().Should().Be("fleet.yaml:3:12: services[0].cores: cores must be positive, got 0");
        ErrorHandler.Handle(error, io).Should().Be(ExitCodes.BadInput);
        stderr.Output.Should().Contain("fleet.yaml:3:12: services[0].cores");
    }
}
