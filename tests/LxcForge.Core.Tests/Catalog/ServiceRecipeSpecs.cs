using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Catalog;

public sealed class ServiceRecipeSpecs
{
    private static readonly IReadOnlyList<DesiredContainer> Fleet = FleetInstances.Expand(FleetDefaults.Seed);

    private static ServiceContext Context(string name) => new(Fleet.Single(d => d.Name == name), FleetDefaults.Seed, Fleet);

    [Fact]
    public void No_script_carries_a_secret_value_they_all_read_secrets_from_stdin()
    {
        // Arrange
        var secrets = Fleet
            .SelectMany(d => ServiceRegistry.For(d)!.AllSecretNames)
            .Distinct()
            .Select((name, i) => (name, value: $"SecretValue{i}ForStep{name.Replace("-", "", StringComparison.Ordinal)}"))
            .ToDictionary(s => s.name, s => s.value);

        // Act
        var requests = Fleet
            .SelectMany(d =>
            {
                var recipe = ServiceRegistry.For(d)!;
                var context = new ServiceContext(d, FleetDefaults.Seed, Fleet);
                return recipe.AllConfigureSteps(context).Append(recipe.HealthCheck(context)).Select(s => (Step: s, Request: s.ToRequest(secrets)));
            })
            .ToList();

        // Assert
        requests.Should().OnlyContain(r => !secrets.Values.Any(v => string.Join(' ', r.Request.Command).Contains(v)));
        requests.Where(r => r.Step.Secrets.Count > 0).Should().OnlyContain(r => r.Request.StandardInput!.EndsWith('\n') && r.Step.Script.Contains("read -r"));
    }

    [Fact]
    public void PostgreSQL_allows_only_the_fleet_subnet_with_scram_and_listens_on_its_own_address()
    {
        // Act
        var script = string.Join('\n', new PostgreSql().Configure(Context("postgresql")).Select(s => s.Script));

        // Assert
        script
            .Should()
            .Contain("host    all   all   10.0.30.0/24  scram-sha-256")
            .And.Contain("listen_addresses = 'localhost,10.0.30.10'")
            .And.NotContain("0.0.0.0")
            .And.NotContain("md5");
    }

    [Fact]
    public void Redis_binds_to_its_address_and_loopback_with_a_password_in_protected_mode()
    {
        // Act
        var script = new Redis().Configure(Context("redis")).Single().Script;

        // Assert
        script.Should().Contain("bind 10.0.30.20 127.0.0.1").And.Contain("protected-mode yes").And.Contain("requirepass %s").And.NotContain("0.0.0.0");
    }

    [Fact]
    public void Prometheus_scrapes_itself_and_the_fleets_exporters()
    {
        // Act
        var yaml = Prometheus.ScrapeConfig(Context("prometheus"));

        // Assert
        yaml.Should()
            .Contain("targets: ['localhost:9090']")
            .And.Contain("job_name: grafana")
            .And.Contain("'10.0.30.60:3000'")
            .And.Contain("job_name: gitea")
            .And.Contain("'10.0.30.40:3000'");
    }

    [Fact]
    public void A_bad_setting_is_refused_naming_the_setting()
    {
        // Arrange
        var pg = Fleet.Single(d => d.Name == "postgresql");
        var bad = pg with { Service = pg.Service with { Settings = new Dictionary<string, string> { ["database"] = "x'; DROP" } } };

        // Act
        var act = () => new PostgreSql().Configure(new ServiceContext(bad, FleetDefaults.Seed, Fleet));

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("settings.database*");
    }
}
