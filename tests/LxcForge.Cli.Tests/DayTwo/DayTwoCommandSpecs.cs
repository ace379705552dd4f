using System.Text.Json.Nodes;
using LxcForge.Cli.Tests.Infrastructure;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.DayTwo;

/// <summary>The fleet design's scaling model and disaster recovery (docs/fleet-design.md) as commands, on one persistent simulated host.</summary>
public sealed class DayTwoCommandSpecs
{
    [Fact]
    public async Task I_can_scale_resize_back_up_lose_and_rebuild_the_postgresql_service()
    {
        // Arrange: templates and the PostgreSQL service on sim://lab.
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data"), ["XDG_CACHE_HOME"] = dir.Combine("cache") };
        Task<CliRun> Run(params string[] args) => CliRun.InAsync(dir.Path, env, [.. args, "--host", "sim://lab"]);
        (await Run("templates", "create", "postgresql")).ExitCode.Should().Be(0);
        (await Run("deploy", "postgresql")).ExitCode.Should().Be(0);

        // Act + Assert: the fleet design's example — replicas 210, 211, 212 at .11, .12, .13, recorded in the spec.
        var scale = await Run("scale", "postgresql", "--replicas", "3");
        scale.ExitCode.Should().Be(0, scale.Stderr);
        File.ReadAllText(dir.Combine("fleet.yaml")).Should().Contain("count: 3");
        var status = JsonNode.Parse((await Run("status", "postgresql", "--output", "json")).Stdout)!.AsArray();
        status
            .Select(s => (s!["ctid"]!.GetValue<int>(), s["ip"]!.GetValue<string>(), s["state"]!.GetValue<string>(), s["health"]!.GetValue<string>()))
            .Should()
            .Equal(
                (200, "10.0.30.10", "running", "healthy"),
                (210, "10.0.30.11", "running", "healthy"),
                (211, "10.0.30.12", "running", "healthy"),
                (212, "10.0.30.13", "running", "healthy")
            );

        // A shrink is refused before anything changes; growth and memory are applied and recorded.
        var shrink = await Run("resize", "postgresql", "--disk", "1G");
        shrink.ExitCode.Should().Be(2);
        shrink.Stderr.Should().Contain("cannot shrink");
        var grow = await Run("resize", "postgresql", "--memory", "2048", "--disk", "+2G");
        grow.ExitCode.Should().Be(0, grow.Stderr);
        File.ReadAllText(dir.Combine("fleet.yaml")).Should().Contain("memory: 2048").And.Contain("disk: 6G");

        // Scaling down removes the newest replica only, after a backup.
        var down = await Run("scale", "postgresql", "--replicas", "2", "--yes");
        down.ExitCode.Should().Be(0, down.Stderr);
        down.Stderr.Should().Contain("postgresql-3: backed up").And.Contain("CT 212 removed");

        // Back up, lose the primary, rebuild: it comes back from its backup, healthy.
        (await Run("backup", "postgresql")).ExitCode.Should().Be(0);
        (await Run("destroy", "postgresql-1", "--yes")).ExitCode.Should().Be(0);
        var rebuild = await Run("rebuild");
        rebuild.ExitCode.Should().Be(0, rebuild.Stdout + rebuild.Stderr);
        rebuild.Stdout.Should().Contain("restored postgresql-1");
        var after = JsonNode.Parse((await Run("status", "postgresql", "--output", "json")).Stdout)!.AsArray();
        after.Select(s => s!["health"]!.GetValue<string>()).Should().AllBe("healthy");
        after.Select(s => s!["lastBackup"]).Should().NotContainNulls();
    }

    [Fact]
    public async Task A_restore_over_a_running_service_needs_force_and_never_touches_a_foreign_container()
    {
        using var dir = TempDir.Create();
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.Combine("data"), ["XDG_CACHE_HOME"] = dir.Combine("cache") };
        Task<CliRun> Run(params string[] args) => CliRun.InAsync(dir.Path, env, [.. args, "--host", "sim://lab"]);
        (await Run("templates", "create", "redis")).ExitCode.Should().Be(0);
        (await Run("deploy", "redis")).ExitCode.Should().Be(0);
        (await Run("backup", "redis")).ExitCode.Should().Be(0);

        var refused = await Run("restore", "redis");
        var forced = await Run("restore", "redis", "--force", "--yes");

        refused.ExitCode.Should().Be(2);
        refused.Stderr.Should().Contain("is running; stop the service first or give --force");
        forced.ExitCode.Should().Be(0, forced.Stderr);
        forced.Stderr.Should().Contain("the replaced container was saved as");
        JsonNode.Parse((await Run("status", "redis", "--output", "json")).Stdout)!.AsArray()[0]!["health"]!.GetValue<string>().Should().Be("healthy");
    }
}
