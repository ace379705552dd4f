using System.Text.Json;
using LxcForge.Cli.Infrastructure;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Core.Catalog;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands;

public class ValidateCommandSpecs
{
    private const string BrokenSpec = """
        network:
          brige: vmbr3
        services:
          - name: redis
            ip: 10.0.31.5
          - name: gitea
            ctid: 201
        """;

    [Fact]
    public async Task Without_a_file_the_built_in_defaults_are_valid()
    {
        // Arrange
        using var dir = TempDir.Create();

        // Act
        var run = await CliRun.InAsync(dir.Path, "validate");

        // Assert
        run.ExitCode.Should().Be(ExitCodes.Ok);
        var count = ServiceRegistry.All.Count;
        run.Stdout.Trim().Should().Be($"(built-in defaults): OK ({count} templates, {count} services, {count} service containers)");
        run.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task A_broken_spec_prints_every_problem_as_file_line_column_field_and_exits_2()
    {
        // Arrange
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("lab.yaml"), BrokenSpec);

        // Act
        var run = await CliRun.InAsync(dir.Path, "validate", "-f", "lab.yaml");

        // Assert
        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Stdout.Should().BeEmpty();
        run.StderrLines.Should().HaveCount(4);
        run.StderrLines[0].Should().StartWith("lab.yaml:2:3: network.brige: unknown key 'brige' (did you mean 'bridge'?)");
        run.StderrLines[1].Should().Be("lab.yaml:5:9: services[0].ip: 10.0.31.5 is outside the subnet 10.0.30.0/24");
        run.StderrLines[2].Should().Be("lab.yaml:7:11: services[1].ctid: CTID 201 is already used by service 'redis' (services[0])");
        run.StderrLines[3].Should().Be("lab.yaml: 3 problems");
    }

    [Fact]
    public async Task Json_output_carries_the_problems_with_stable_names()
    {
        // Arrange
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), BrokenSpec);

        // Act
        var run = await CliRun.InAsync(dir.Path, "validate", "--output", "json");

        // Assert
        run.ExitCode.Should().Be(ExitCodes.BadInput);
        using var doc = JsonDocument.Parse(run.Stdout);
        doc.RootElement.GetProperty("file").GetString().Should().Be("fleet.yaml");
        doc.RootElement.GetProperty("valid").GetBoolean().Should().BeFalse();
        var first = doc.RootElement.GetProperty("problems")[0];
        (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(), first.GetProperty("path").GetString())
            .Should()
            .Be((2, 3, "network.brige"));
    }

    [Fact]
    public async Task A_missing_file_named_with_f_is_bad_input()
    {
        using var dir = TempDir.Create();

        var run = await CliRun.InAsync(dir.Path, "validate", "-f", "nope.yaml");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Stderr.Should().Contain("nope.yaml: no such file");
    }

    [Fact]
    public async Task A_yaml_syntax_error_is_located()
    {
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "network:\n  bridge: \"vmbr2\n");

        var run = await CliRun.InAsync(dir.Path, "validate");

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.StderrLines[0].Should().StartWith("fleet.yaml:2:11: YAML syntax error:");
    }

    [Fact]
    public async Task A_bad_setting_is_caught_by_validate_and_plan_stops_before_planning()
    {
        // Arrange: a PostgreSQL database name SQL would need quoting for (was caught only at plan time, plan exited 0).
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "services:\n  - name: postgresql\n    settings:\n      database: app-db\n");
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data") };

        // Act
        var validate = await CliRun.InAsync(dir.Path, env, "validate");
        var plan = await CliRun.InAsync(dir.Path, env, "plan", "--host", "sim://settings");

        // Assert
        validate.ExitCode.Should().Be(ExitCodes.BadInput);
        validate
            .StderrLines.Should()
            .Contain(l => l.StartsWith("fleet.yaml:4:7: services[0].settings.database: 'app-db' must match", StringComparison.Ordinal), validate.Stderr);
        plan.ExitCode.Should().Be(ExitCodes.BadInput, plan.Stderr);
        plan.Stderr.Should().Contain("services[0].settings.database");
    }
}
