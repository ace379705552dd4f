using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Yaml;

namespace LxcForge.Core.Tests.Spec;

/// <summary>What init writes reads back as the same spec, and a partial file overlays the defaults as documented.</summary>
public class FleetYamlRoundTripSpecs
{
    [Fact]
    public void The_written_defaults_read_back_as_the_defaults()
    {
        // Act
        var text = FleetYamlWriter.Write(FleetDefaults.Seed);
        var result = FleetSpecLoader.FromYaml(text, "fleet.yaml");

        // Assert
        result.Problems.Should().BeEmpty();
        result.Spec.Should().BeEquivalentTo(FleetDefaults.Seed);
        text.Should().Contain("# ").And.Contain("vmbr2").And.Contain("replicas: {count: 3}");
    }

    [Fact]
    public void A_spec_unlike_the_defaults_reads_back_unchanged()
    {
        // Arrange: every kind of field, away from its default, with values that need quoting.
        var seed = FleetDefaults.Seed;
        var spec = seed with
        {
            Network = seed.Network with
            {
                Bridge = "vmbr3",
                Subnet = "192.168.50.0/24",
                Gateway = "192.168.50.254",
                DnsServers = ["192.168.50.2", "192.168.50.3"],
                SearchDomain = "lab.example",
            },
            Storage = new StorageSpec
            {
                Templates = "tank",
                Services = "fast",
                Backups = "pbs",
                OsTemplates = "isos",
            },
            Nodes = ["pve1", "pve2"],
            Ids = new IdRanges { Templates = new IdRange(8000, 8099), Services = new IdRange(300, 399) },
            Scripts = seed.Scripts with { LocalPath = "/srv/scripts", LockFile = "locks/scripts.lock" },
            Backup = new BackupSpec
            {
                Mode = "stop",
                Compress = "gzip",
                Retention = new RetentionSpec
                {
                    KeepLast = 1,
                    KeepDaily = null,
                    KeepWeekly = 2,
                    KeepMonthly = 6,
                },
            },
            Templates =
            [
                new TemplateSpec
                {
                    Name = "redis",
                    Ctid = 8001,
                    Hostname = "redis-tpl",
                    Cores = 2,
                    Memory = 512,
                    Disk = "6G",
                    Source = new TemplateSource
                    {
                        Script = "ct/redis.sh",
                        Answers = ["y", "no", "17"],
                        Variables = new Dictionary<string, string> { ["var_os"] = "debian" },
                    },
                },
                new TemplateSpec
                {
                    Name = "myapp",
                    Ctid = 8002,
                    Node = "pve2",
                    Hostname = "myapp-tpl",
                    Source = new TemplateSource
                    {
                        Kind = TemplateSourceKind.OsTemplate,
                        OsTemplate = "debian-12-standard_12.12-1_amd64.tar.zst",
                        Provision = new ProvisionSpec
                        {
                            Packages = ["nginx", "curl"],
                            Commands = ["systemctl enable nginx", "echo \"hi: there\" > /tmp/x # not a comment"],
                            Files = [new FileSpec("/etc/motd", "hello\nworld") { Mode = "0600" }],
                        },
                    },
                },
            ],
            Services =
            [
                new ServiceSpec
                {
                    Name = "redis",
                    Template = "redis",
                    Ctid = 300,
                    Hostname = "cache",
                    Ip = "192.168.50.10",
                    Node = "pve1",
                    Cores = 3,
                    Memory = 3072,
                    Swap = 0,
                    Disk = "12G",
                    Features = new FeatureSpec { Nesting = true, Fuse = true },
                    Unprivileged = true,
                    OnBoot = false,
                    StartupOrder = 2,
                    Tags = ["db", "cache"],
                    Replicas = new ReplicaSpec
                    {
                        Count = 2,
                        CtidStart = 310,
                        CtidStep = 2,
                        IpStart = "192.168.50.20",
                        IpStep = 5,
                        Hostname = "cache-r{n}",
                    },
                    Settings = new Dictionary<string, string> { ["metrics"] = "9121, 9100" },
                },
                new ServiceSpec
                {
                    Name = "myapp",
                    Template = "myapp",
                    Ctid = 320,
                    Hostname = "myapp",
                    Ip = "192.168.50.30",
                    Replicas = new ReplicaSpec
                    {
                        Count = 1,
                        Ctids = [321],
                        Ips = ["192.168.50.31"],
                    },
                    Custom = new CustomServiceSpec
                    {
                        Ports = [8080, 8443],
                        Configure = ["sed -i 's/a/b/' /etc/x"],
                        Check = "curl -fsS http://localhost:8080/health",
                    },
                },
            ],
        };

        // Act
        var text = FleetYamlWriter.Write(spec);
        var result = FleetSpecLoader.FromYaml(text, "fleet.yaml");

        // Assert
        result.Problems.Should().BeEmpty(text);
        result.Spec.Should().BeEquivalentTo(spec, text);
    }

    [Fact]
    public void A_partial_file_overrides_mapping_keys_and_keeps_the_other_defaults()
    {
        // Act
        var spec = FleetSpecLoader.FromYaml("network:\n  bridge: vmbr9\nstorage:\n  services: nvme\n", "fleet.yaml").Spec;

        // Assert
        spec.Network.Should().Be(FleetDefaults.Seed.Network with { Bridge = "vmbr9" });
        spec.Storage.Should().Be(FleetDefaults.Seed.Storage with { Services = "nvme" });
        spec.Services.Should().BeEquivalentTo(FleetDefaults.Seed.Services);
    }

    [Fact]
    public void A_services_list_replaces_the_defaults_and_a_seed_name_starts_from_the_seeds_entry()
    {
        // Act
        var spec = FleetSpecLoader.FromYaml("services:\n  - name: postgresql\n    memory: 4G\n  - name: docker\n", "fleet.yaml").Spec;

        // Assert
        spec.Services.Select(s => s.Name).Should().Equal("postgresql", "docker");
        spec.Services[0].Should().BeEquivalentTo(FleetDefaults.Seed.FindService("postgresql")! with { Memory = 4096 });
        spec.Services[1].Features.Should().Be(new FeatureSpec { Nesting = true, Keyctl = true });
        spec.Templates.Should().HaveCount(FleetDefaults.Seed.Templates.Count, "a list the file does not name stays the default");
    }

    [Theory]
    [InlineData("disk: 10", "10G")]
    [InlineData("disk: 512M", "512M")]
    [InlineData("memory: 2G", "2048")]
    [InlineData("swap: 1G", "1024")]
    public void Sizes_may_be_written_with_or_without_a_unit(string line, string expected)
    {
        var s = FleetSpecLoader.FromYaml($"services:\n  - name: redis\n    {line}\n", "fleet.yaml").Spec.Services[0];

        var key = line.Split(':')[0];
        var actual = key switch
        {
            "disk" => s.Disk,
            "memory" => s.Memory.ToString(),
            _ => s.Swap.ToString(),
        };
        actual.Should().Be(expected);
    }

    [Fact]
    public void An_os_template_source_replaces_the_catalogues_script()
    {
        var t = FleetSpecLoader
            .FromYaml(
                "templates:\n  - name: redis\n    source: {os-template: debian-12-standard_12.12-1_amd64.tar.zst, provision: {packages: [redis-server]}}\n",
                "fleet.yaml"
            )
            .Spec.Templates[0];

        t.Source.Kind.Should().Be(TemplateSourceKind.OsTemplate);
        t.Source.Script.Should().BeNull();
        t.Source.Provision.Packages.Should().Equal("redis-server");
    }

    [Fact]
    public void Anchors_and_merge_keys_work_and_problems_still_point_at_the_right_line()
    {
        // Arrange
        const string yaml = """
            x-small: &small
              cores: 1
              memory: 512
            services:
              - name: redis
                <<: *small
              - name: gitea
                <<: *small
                cores: 0
            """;

        // Act
        var result = FleetSpecLoader.FromYaml(yaml, "fleet.yaml");

        // Assert
        result.Spec.Services[0].Memory.Should().Be(512);
        result.Spec.Services[1].Memory.Should().Be(512);
        result.Problems.Select(p => p.ToString()).Should().Contain("fleet.yaml:9:12: services[1].cores: cores must be positive, got 0");
    }
}
