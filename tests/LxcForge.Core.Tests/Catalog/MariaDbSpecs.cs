using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Catalog;

public sealed class MariaDbSpecs
{
    private static readonly IReadOnlyList<DesiredContainer> Fleet = FleetInstances.Expand(FleetDefaults.Seed);

    private static ServiceContext Context => new(Fleet.Single(d => d.Name == "mariadb"), FleetDefaults.Seed, Fleet);

    [Fact]
    public void MariaDB_is_built_in_at_909_and_209_on_dot_100_from_its_community_script()
    {
        // Act
        var definition = ServiceRegistry.Find("mariadb")!.Definition;

        // Assert
        (definition.TemplateCtid, definition.ServiceCtid, definition.ServiceIp, definition.ServiceHostname).Should().Be((909, 209, "10.0.30.100", "mariadb"));
        (definition.Script, definition.InstallScript).Should().Be(("ct/mariadb.sh", "install/mariadb-install.sh"));
        (definition.Cores, definition.MemoryMb, definition.DiskGb).Should().Be((1, 1024, 4));
        definition.Tags.Should().Equal("database");
        definition.Ports.Should().Equal(3306);
        definition.StdinAnswers.Should().Equal(["n"], "the install script asks whether to add phpMyAdmin");
        FleetDefaults.Seed.FindService("mariadb")!.Ctid.Should().Be(209);
    }

    [Fact]
    public void It_listens_on_the_service_address_only_and_the_app_user_may_log_in_from_the_fleet_subnet_only()
    {
        // Act
        var steps = new MariaDb().Configure(Context);
        var script = string.Join('\n', steps.Select(s => s.Script));

        // Assert
        script.Should().Contain("bind-address = 10.0.30.100").And.NotContain("0.0.0.0").And.NotContain("'%'");
        script
            .Should()
            .Contain("CREATE USER IF NOT EXISTS 'app'@'10.0.30.0/255.255.255.0'")
            .And.Contain("GRANT ALL PRIVILEGES ON app.* TO 'app'@'10.0.30.0/255.255.255.0'")
            .And.Contain("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password");
        steps.SelectMany(s => s.Secrets).Should().Equal(MariaDb.RootPasswordSecret, MariaDb.PasswordSecret);
    }

    [Fact]
    public void The_check_logs_in_over_TCP_with_the_password_in_an_option_file_and_expects_a_wrong_one_refused()
    {
        // Act
        var check = new MariaDb().HealthCheck(Context);
        var request = check.ToRequest(new Dictionary<string, string> { [MariaDb.PasswordSecret] = "AppSecretValue1" });

        // Assert
        check
            .Script.Should()
            .Contain("--protocol=tcp -h 10.0.30.100 -P 3306 -u app -D app")
            .And.Contain("--defaults-extra-file=")
            .And.Contain("SELECT 1")
            .And.Contain("Access denied");
        request.Command.Should().NotContain(a => a.Contains("AppSecretValue1"));
        request.StandardInput.Should().Be("AppSecretValue1\n");
    }

    [Fact]
    public void Its_settings_name_the_database_and_user_and_refuse_anything_but_an_identifier()
    {
        // Arrange
        var service = FleetDefaults.Seed.FindService("mariadb")!;
        ServiceContext With(string database) =>
            Context with
            {
                Container = Context.Container with
                {
                    Service = service with
                    {
                        Settings = new Dictionary<string, string> { ["database"] = database, ["user"] = "shop" },
                    },
                },
            };

        // Act
        var script = new MariaDb().Configure(With("orders"))[1].Script;
        var bad = () => new MariaDb().Configure(With("orders; DROP"));

        // Assert
        script.Should().Contain("CREATE DATABASE IF NOT EXISTS orders;").And.Contain("'shop'@'10.0.30.0/255.255.255.0'");
        bad.Should().Throw<ArgumentException>().WithMessage("*settings.database*");
    }
}
