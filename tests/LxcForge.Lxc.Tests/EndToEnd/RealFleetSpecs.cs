using System.Diagnostics;
using System.Text.Json.Nodes;
using LxcForge.Core.Catalog.Services;
using LxcForge.Lxc.Tests.Infra;
using Xunit.Abstractions;

namespace LxcForge.Lxc.Tests.EndToEnd;

/// <summary>
/// Issue 8's end-to-end proof: the catalogue's PostgreSQL and Redis configuration, applied by <c>lxcforge deploy</c>
/// to real containers, checked from the host side of the bridge with the real clients.
/// </summary>
[Trait("Category", RealLxc.Category)]
public sealed class RealFleetSpecs(RealFleet fleet, ITestOutputHelper output) : IClassFixture<RealFleet>
{
    private static readonly string[] Psql = ["psql", "-X", "-h", RealFleet.PostgresIp, "-U", "app", "-d", "app", "-tA", "-c"];

    [RealLxcFact]
    public void Deploy_builds_the_templates_and_brings_up_both_services_healthy()
    {
        output.WriteLine($"lxcforge templates create --all: {fleet.Templates}\nlxcforge deploy --all: {fleet.FirstDeploy}");
        fleet.Templates.ExitCode.Should().Be(0, fleet.Templates.ToString());
        fleet.FirstDeploy.ExitCode.Should().Be(0, fleet.FirstDeploy.ToString());
        fleet.FirstDeploy.Stdout.Should().Contain("2 deployed, 0 failed");
    }

    [RealLxcFact]
    public async Task PostgreSQL_accepts_the_generated_application_password_over_tcp_and_refuses_a_wrong_one()
    {
        // Arrange
        var password = await fleet.SecretAsync("postgresql", PostgreSql.PasswordSecret);

        // Act
        var right = await fleet.ClientAsync([.. Psql, "SELECT current_user"], new Dictionary<string, string> { ["PGPASSWORD"] = password });
        var wrong = await fleet.ClientAsync([.. Psql, "SELECT current_user"], new Dictionary<string, string> { ["PGPASSWORD"] = "not-" + password });

        // Assert
        right.ExitCode.Should().Be(0, "the application role logs in from the bridge");
        right.Output.Should().Be("app");
        wrong.ExitCode.Should().NotBe(0);
        wrong.Output.Should().Contain("password authentication failed for user \"app\"");
    }

    [RealLxcFact]
    public async Task Redis_answers_ping_only_after_auth_with_the_generated_password()
    {
        // Arrange
        var password = await fleet.SecretAsync("redis", Redis.PasswordSecret);
        string[] ping = ["redis-cli", "-h", RealFleet.RedisIp, "-p", "6379", "PING"];

        // Act
        var anonymous = await fleet.ClientAsync(ping, new Dictionary<string, string>());
        var authenticated = await fleet.ClientAsync(ping, new Dictionary<string, string> { ["REDISCLI_AUTH"] = password });

        // Assert
        anonymous.Output.Should().Contain("NOAUTH").And.NotContain("PONG");
        authenticated.Output.Should().Be("PONG");
    }

    [RealLxcFact]
    public async Task A_second_deploy_changes_nothing()
    {
        // Arrange
        var configs = ConfigFiles();

        // Act
        var again = await fleet.RunAsync("deploy", "--all", "--output", "json");

        // Assert
        again.ExitCode.Should().Be(0, again.ToString());
        JsonNode.Parse(again.Stdout)!["changedNothing"]!.GetValue<bool>().Should().BeTrue(again.Stdout);
        ConfigFiles().Should().Equal(configs);
    }

    [RealLxcFact]
    public async Task A_backup_restored_to_a_new_ctid_holds_the_row_written_before_the_backup_and_not_the_one_after()
    {
        // Arrange: a row, a backup, then a second row.
        var password = new Dictionary<string, string> { ["PGPASSWORD"] = await fleet.SecretAsync("postgresql", PostgreSql.PasswordSecret) };
        (await fleet.ClientAsync([.. Psql, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('before the backup')"], password))
            .ExitCode.Should()
            .Be(0);
        var backup = await fleet.RunAsync("backup", "postgresql");
        (await fleet.ClientAsync([.. Psql, "INSERT INTO notes VALUES ('after the backup')"], password)).ExitCode.Should().Be(0);

        // Act
        var restore = await fleet.RunAsync("restore", "postgresql", "--as", "250", "--ip", "10.0.30.50");
        var copy = new Dictionary<string, string> { ["PGPASSWORD"] = await fleet.SecretAsync("postgresql-restored-250", PostgreSql.PasswordSecret) };
        var rows = await fleet.ClientAsync(
            ["psql", "-X", "-h", "10.0.30.50", "-U", "app", "-d", "app", "-tA", "-c", "SELECT text FROM notes ORDER BY 1"],
            copy
        );
        var original = await fleet.ClientAsync([.. Psql, "SELECT count(*) FROM notes"], password);

        // Assert
        backup.ExitCode.Should().Be(0, backup.ToString());
        restore.ExitCode.Should().Be(0, restore.ToString());
        rows.ExitCode.Should().Be(0, "the copy answers on its own address with its own credentials");
        rows.Output.Should().Be("before the backup");
        original.Output.Should().Be("2", "the service itself is untouched by a restore into a new CTID");
    }

    [RealLxcFact]
    public async Task A_deploy_killed_while_cloning_is_finished_by_the_next_run()
    {
        // Arrange: Redis's container is lost behind LxcForge's back (its state still says "configured"); a deploy
        // starts bringing it back and is killed (SIGKILL, the whole process tree) as the clone appears.
        await fleet.Sandbox.Host.StopAsync(201);
        await fleet.Sandbox.Host.DestroyAsync(201, purge: true);
        var target = Path.Combine(fleet.Sandbox.LxcPath, "201");
        using (var killed = Process.Start(fleet.Cli.StartInfo("deploy", "--all", "--host", fleet.Sandbox.Address, "-f", fleet.SpecPath))!)
        {
            await WaitUntilAsync(() => Directory.Exists(target) || killed.HasExited, TimeSpan.FromMinutes(2));
            killed.HasExited.Should().BeFalse("the deploy must still be running when it is killed");
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }

        // Act
        var rerun = await fleet.RunAsync("deploy", "--all");
        var password = await fleet.SecretAsync("redis", Redis.PasswordSecret);
        var ping = await fleet.ClientAsync(
            ["redis-cli", "-h", RealFleet.RedisIp, "-p", "6379", "PING"],
            new Dictionary<string, string> { ["REDISCLI_AUTH"] = password }
        );

        // Assert
        rerun.ExitCode.Should().Be(0, rerun.ToString());
        ping.Output.Should().Be("PONG", rerun.ToString());
        Directory
            .GetDirectories(fleet.Sandbox.LxcPath)
            .Select(Path.GetFileName)
            .Where(n => n!.All(char.IsAsciiDigit))
            .Should()
            .Contain(["200", "201", "900", "901"])
            .And.OnlyHaveUniqueItems()
            .And.NotContain(n => n != "250" && !new[] { "200", "201", "900", "901" }.Contains(n));
    }

    /// <summary>Polls <paramref name="condition"/> with back-off until it holds or <paramref name="timeout"/> passes.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    /// <summary>Every container's LXC config file, by path: what a deploy that changes nothing must leave as it was.</summary>
    private SortedDictionary<string, string> ConfigFiles() =>
        new(
            Directory.GetDirectories(fleet.Sandbox.LxcPath).Select(d => Path.Combine(d, "config")).Where(File.Exists).ToDictionary(f => f, File.ReadAllText),
            StringComparer.Ordinal
        );
}
