using LxcForge.Core.Catalog;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Spec;

/// <summary>The built-in defaults: one template and one service per built-in service, the fleet design's services first, placed exactly as docs/fleet-design.md#services says.</summary>
public class FleetDefaultsSpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    private static readonly string[] SeedOrder =
    [
        "postgresql",
        "redis",
        "nextcloud",
        "gitea",
        "homeassistant",
        "grafana",
        "prometheus",
        "nginxproxymanager",
        "docker",
    ];

    private static readonly IReadOnlyList<ServiceDefinition> BuiltIn = ServiceRegistry.All.Select(s => s.Definition).ToList();

    [Fact]
    public void There_is_one_template_and_one_service_per_built_in_service_placed_where_it_says()
    {
        Seed.Templates.Select(t => (t.Name, t.Ctid)).Should().Equal(BuiltIn.Select(d => (d.Key, d.TemplateCtid)));
        Seed.Services.Select(s => (s.Name, s.Template, s.Ctid, s.Ip, s.Hostname))
            .Should()
            .Equal(BuiltIn.Select(d => (d.Key, d.Key, d.ServiceCtid, d.ServiceIp, d.ServiceHostname)));
    }

    [Fact]
    public void The_seeds_templates_come_first_at_900_to_908_in_the_seeds_order()
    {
        Seed.Templates.Select(t => t.Name).Should().StartWith(SeedOrder);
        Seed.Templates.Select(t => t.Ctid).Should().StartWith(Enumerable.Range(900, SeedOrder.Length));
    }

    [Fact]
    public void The_seeds_services_come_first_at_200_to_208_at_dot_10_to_dot_90_in_the_seeds_order()
    {
        Seed.Services.Select(s => s.Name).Should().StartWith(SeedOrder);
        Seed.Services.Select(s => s.Ctid).Should().StartWith(Enumerable.Range(200, SeedOrder.Length));
        Seed.Services.Select(s => s.Ip).Should().StartWith(Enumerable.Range(1, SeedOrder.Length).Select(i => $"10.0.30.{i * 10}"));
        Seed.Services.Select(s => s.Template).Should().StartWith(SeedOrder);
    }

    [Fact]
    public void Hostnames_are_the_seeds_where_it_names_them()
    {
        Seed.FindService("postgresql")!.Hostname.Should().Be("postgresql-db");
        Seed.Services.Select(s => s.Hostname)
            .Should()
            .StartWith(["postgresql-db", "redis-cache", "nextcloud", "gitea", "homeassistant", "grafana", "prometheus", "nginx-proxy-manager", "docker-host"]);
    }

    [Fact]
    public void Storage_and_network_are_the_seeds()
    {
        Seed.Storage.Templates.Should().Be("local-hdd");
        Seed.Storage.Services.Should().Be("local-lvm");
        Seed.Storage.Backups.Should().Be("local-hdd");
        Seed.Network.Bridge.Should().Be("vmbr2");
        Seed.Network.Subnet.Should().Be("10.0.30.0/24");
        Seed.Network.Gateway.Should().Be("10.0.30.1");
        Seed.Ids.Templates.Should().Be(new IdRange(900, 999));
        Seed.Ids.Services.Should().Be(new IdRange(200, 299));
    }

    [Fact]
    public void Every_service_is_unprivileged_and_only_docker_and_home_assistant_get_nesting_and_keyctl()
    {
        Seed.Services.Should().OnlyContain(s => s.Unprivileged);
        Seed.Services.Where(s => s.Features.Nesting && s.Features.Keyctl).Select(s => s.Name).Should().BeEquivalentTo("homeassistant", "docker");
        Seed.Services.Where(s => s.Features.Nesting || s.Features.Keyctl || s.Features.Fuse).Should().HaveCount(2);
    }

    [Theory]
    // The community scripts' own var_cpu / var_ram / var_disk (docs/community-scripts.md#script-defaults).
    [InlineData("postgresql", 1, 1024, "4G")]
    [InlineData("redis", 1, 1024, "4G")]
    [InlineData("nextcloud", 2, 2048, "8G")]
    [InlineData("gitea", 1, 1024, "8G")]
    [InlineData("homeassistant", 2, 2048, "16G")]
    [InlineData("grafana", 1, 512, "4G")]
    [InlineData("prometheus", 1, 2048, "4G")]
    [InlineData("nginxproxymanager", 2, 2048, "8G")]
    [InlineData("docker", 2, 2048, "4G")]
    public void Resources_are_the_community_scripts_defaults(string name, int cores, int memory, string disk)
    {
        var service = Seed.FindService(name)!;
        (service.Cores, service.Memory, service.Disk).Should().Be((cores, memory, disk));
        var template = Seed.FindTemplate(name)!;
        (template.Cores, template.Memory, template.Disk).Should().Be((cores, memory, disk));
        template.Source.Kind.Should().Be(TemplateSourceKind.CommunityScript);
        ServiceRegistry.Find(template.ServiceKey)?.Definition.Should().NotBeNull();
    }

    [Fact]
    public void Swap_is_proxmoxs_default_because_the_scripts_pass_none()
    {
        Seed.Services.Should().OnlyContain(s => s.Swap == 512);
    }
}
