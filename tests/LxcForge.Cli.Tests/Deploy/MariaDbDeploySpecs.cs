using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Testing.Simulation;

namespace LxcForge.Cli.Tests.Deploy;

/// <summary>MariaDB deployed on the simulator from its stand-in template, configured and checked by its recipe.</summary>
public sealed class MariaDbDeploySpecs
{
    private static readonly FleetSpec MariaDbOnly = FleetDefaults.Seed with
    {
        Templates = FleetDefaults.Seed.Templates.Where(t => t.Name == "mariadb").ToList(),
        Services = FleetDefaults.Seed.Services.Where(s => s.Name == "mariadb").ToList(),
    };

    [Fact]
    public async Task MariaDB_deploys_bound_to_its_address_with_an_app_user_that_logs_in_and_a_wrong_password_refused()
    {
        // Arrange
        await using var sim = await SimulatedFleet.StartAsync(MariaDbOnly);

        // Act
        var first = await sim.DeployAsync(MariaDbOnly);
        var secrets = sim.HostState.GetSecrets("mariadb");
        var again = await RunAgainAsync(sim, secrets);

        // Assert
        first.Outcomes.Should().ContainSingle().Which.Result.Should().Be(DeployOutcomeKind.Done, first.Outcomes[0].Error);
        again.Should().OnlyContain(r => r.Succeeded, "configuring twice changes nothing and the check still passes");
        (await sim.ShellAsync(209, "cat /etc/mysql/mariadb.conf.d/99-lxcforge.cnf")).Should().Contain("bind-address = 10.0.30.100");
        secrets.Keys.Should().BeEquivalentTo(["root", "db-root-password", "app-password"]);
        (await LoginAsync(sim, secrets["app-password"], "10.0.30.100")).Should().Be("1");
        (await LoginAsync(sim, "Wrong1", "10.0.30.100")).Should().Contain("Access denied");
        (await LoginAsync(sim, secrets["app-password"], "127.0.0.1")).Should().Contain("Can't connect", "it listens on the service address only");
        (await sim.ShellAsync(209, "cat /var/lib/mysql/standin-statements.log"))
            .Should()
            .NotContain(secrets["app-password"])
            .And.NotContain(secrets["db-root-password"]);
    }

    /// <summary>Every configuration step again, then the health check, as deploy runs them.</summary>
    private static async Task<List<ExecResult>> RunAgainAsync(SimulatedFleet sim, IReadOnlyDictionary<string, string> secrets)
    {
        var fleet = FleetInstances.Expand(MariaDbOnly);
        var context = new ServiceContext(fleet.Single(), MariaDbOnly, fleet);
        var recipe = ServiceRegistry.Find("mariadb")!;
        var results = new List<ExecResult>();
        foreach (var step in recipe.AllConfigureSteps(context).Append(recipe.HealthCheck(context)))
            results.Add(await sim.Host.ExecAsync(209, step.ToRequest(secrets)));
        return results;
    }

    /// <summary>A TCP login as app to <paramref name="host"/>, the password on stdin (never an argument).</summary>
    private static async Task<string> LoginAsync(SimulatedFleet sim, string password, string host)
    {
        var script =
            $"IFS= read -r pw; printf '[client]\\npassword=%s\\n' \"$pw\" > /tmp/c.cnf; mariadb --defaults-extra-file=/tmp/c.cnf --protocol=tcp -h {host} -u app -D app -N -B -e 'SELECT 1' 2>&1";
        return (await sim.Host.ExecAsync(209, ExecRequest.Shell(script, password + "\n"))).StandardOutput.Trim();
    }
}
