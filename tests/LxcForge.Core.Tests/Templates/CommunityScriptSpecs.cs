using LxcForge.Core.Catalog;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;

namespace LxcForge.Core.Tests.Templates;

public class CommunityScriptSpecs
{
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void The_environment_uses_the_variables_todays_scripts_read_not_the_seeds_CTID_STORAGE_NET()
    {
        // Arrange
        var fleet = FleetDefaults.Seed;
        var template = fleet.FindTemplate("postgresql")!;

        // Act
        var env = CommunityScriptEnvironment.For(fleet, template, ServiceRegistry.Find("postgresql")?.Definition);

        // Assert
        env.Should()
            .Contain("mode", "generated")
            .And.Contain("var_ctid", "900")
            .And.Contain("var_container_storage", "local-hdd")
            .And.Contain("var_template_storage", "local")
            .And.Contain("var_net", "dhcp")
            .And.Contain("TERM", "xterm")
            .And.Contain("var_unprivileged", "1")
            .And.Contain("var_cpu", "1")
            .And.Contain("var_ram", "1024")
            .And.Contain("var_disk", "4");
        env.Keys.Should().NotContain(["CTID", "STORAGE", "NET"]);
    }

    [Fact]
    public void The_answers_come_from_the_catalogue_unless_the_spec_overrides_them()
    {
        var template = FleetDefaults.Seed.FindTemplate("postgresql")!;
        var definition = ServiceRegistry.Find("postgresql")?.Definition;

        CommunityScriptEnvironment.StandardInput(template, definition).Should().Be("17\nn\n");
        CommunityScriptEnvironment.StandardInput(template with { Source = template.Source with { Answers = ["16", "y"] } }, definition).Should().Be("16\ny\n");
        CommunityScriptEnvironment.StandardInput(FleetDefaults.Seed.FindTemplate("redis")!, ServiceRegistry.Find("redis")?.Definition).Should().BeEmpty();
    }

    [Fact]
    public void A_run_fetches_the_ct_script_its_helpers_the_install_script_and_the_header()
    {
        CommunityScriptFiles
            .For("ct/nextcloudpi.sh", ServiceRegistry.Find("nextcloud")?.Definition)
            .Should()
            .Equal(
                "ct/nextcloudpi.sh",
                "misc/build.func",
                "misc/api.func",
                "misc/core.func",
                "misc/error_handler.func",
                "misc/tools.func",
                "misc/install.func",
                "install/nextcloudpi-install.sh",
                "ct/headers/nextcloudpi"
            );
    }

    [Fact]
    public void Hard_coded_main_urls_are_rewritten_to_the_mirror()
    {
        var text = "source <(curl -fsSL https://raw.githubusercontent.com/community-scripts/ProxmoxVE/main/misc/build.func)";

        CommunityScriptFiles.RewriteToMirror(text, "http://127.0.0.1:4711/").Should().Be("source <(curl -fsSL http://127.0.0.1:4711/misc/build.func)");
    }

    [Fact]
    public void A_lock_file_round_trips()
    {
        var scriptLock = new ScriptLock(
            "community-scripts/ProxmoxVE",
            "8386465a927ac72f518d1c54ce21fe3c2df03407",
            new Dictionary<string, string> { ["ct/redis.sh"] = Hash, ["misc/build.func"] = new string('b', 64) }
        );

        var parsed = ScriptLock.Parse(scriptLock.Format(), "scripts.lock");

        parsed.Repository.Should().Be(scriptLock.Repository);
        parsed.Ref.Should().Be(scriptLock.Ref);
        parsed.Sha256ByPath.Should().BeEquivalentTo(scriptLock.Sha256ByPath);
    }

    [Theory]
    [InlineData("repository x\nref y\nsha256 nothex ct/a.sh\n", "scripts.lock:3:")]
    [InlineData(
        $"repository x\nref y\nsha256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa a\nsha256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa a\n",
        "scripts.lock:4: 'a' is listed twice"
    )]
    [InlineData("sha256 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa a\n", "missing 'repository' or 'ref'")]
    public void A_malformed_lock_file_is_refused_naming_the_line(string text, string expected)
    {
        FluentActions.Invoking(() => ScriptLock.Parse(text, "scripts.lock")).Should().Throw<FormatException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void A_build_record_round_trips_through_a_description()
    {
        var record = new TemplateBuildRecord("redis", "community-script ct/redis.sh", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero))
        {
            Repository = "community-scripts/ProxmoxVE",
            Ref = "8386465a927ac72f518d1c54ce21fe3c2df03407",
            Sha256ByPath = new Dictionary<string, string> { ["ct/redis.sh"] = Hash },
            StandIn = true,
        };

        var parsed = TemplateBuildRecord.Parse("managed-by: lxcforge\n" + record.ToDescriptionLines());

        parsed.Should().BeEquivalentTo(record);
        record.ToDescriptionLines().Should().Contain("STAND-IN");
    }
}
