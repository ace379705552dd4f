using LxcForge.Cli.Infrastructure;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands;

public class InitCommandSpecs
{
    [Fact]
    public async Task Init_then_validate_succeeds_and_the_file_is_the_defaults()
    {
        // Arrange
        using var dir = TempDir.Create();

        // Act
        var init = await CliRun.InAsync(dir.Path, "init");
        var validate = await CliRun.InAsync(dir.Path, "validate");

        // Assert
        init.ExitCode.Should().Be(ExitCodes.Ok);
        init.Stdout.Should().Contain("Wrote fleet.yaml");
        validate.ExitCode.Should().Be(ExitCodes.Ok, validate.Stderr);
        validate.Stdout.Should().StartWith("fleet.yaml: OK");
        var text = await File.ReadAllTextAsync(dir.Combine("fleet.yaml"));
        text.Should().Contain("# ");
        FleetSpecLoader.FromYaml(text, "fleet.yaml").Spec.Should().BeEquivalentTo(FleetDefaults.Seed);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        // Arrange
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "# mine\n");

        // Act
        var refused = await CliRun.InAsync(dir.Path, "init");
        var kept = await File.ReadAllTextAsync(dir.Combine("fleet.yaml"));
        var forced = await CliRun.InAsync(dir.Path, "init", "--force");

        // Assert
        refused.ExitCode.Should().Be(ExitCodes.BadInput);
        refused.Stderr.Should().Contain("fleet.yaml already exists; use --force");
        kept.Should().Be("# mine\n");
        forced.ExitCode.Should().Be(ExitCodes.Ok);
        (await File.ReadAllTextAsync(dir.Combine("fleet.yaml"))).Should().Contain("network:");
    }

    [Fact]
    public async Task Init_writes_the_file_named_with_f()
    {
        using var dir = TempDir.Create();

        var run = await CliRun.InAsync(dir.Path, "init", "-f", "lab.yaml");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        File.Exists(dir.Combine("lab.yaml")).Should().BeTrue();
        File.Exists(dir.Combine("fleet.yaml")).Should().BeFalse();
    }
}
