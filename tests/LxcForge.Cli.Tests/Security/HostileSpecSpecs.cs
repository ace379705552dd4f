using LxcForge.Cli.Tests.Deploy;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Yaml;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using LxcForge.Simulator.StandInScripts;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Security;

/// <summary>
/// Every string field of the spec, given each hostile value an attacker would try: validation refuses it at
/// FILE:LINE:COL, or the value is accepted as data and building and deploying with it on the simulator runs
/// nothing of it (no marker file appears on the node or in any container).
/// </summary>
public sealed class HostileSpecSpecs
{
    /// <summary>Fields whose value is a command the user wants run (custom steps, provisioning commands): run as written, by design.</summary>
    private static readonly string[] Commands = [".CustomServiceSpec.Configure[]", ".CustomServiceSpec.Check", ".ProvisionSpec.Commands[]"];

    /// <summary>Fields with a shape: a hostile value must never pass validation there.</summary>
    private static readonly string[] Shaped =
    [
        ".TemplateSource.Script",
        ".TemplateSource.OsTemplate",
        ".TemplateSpec.Service",
        ".ProvisionSpec.Packages[]",
        ".FileSpec.Path",
        ".FileSpec.Mode",
        ".TemplateSource.Variables{key}",
        ".ServiceSpec.Settings{key}",
        ".ServiceSpec.Settings{}",
        ".ServiceSpec.Hostname",
        ".ServiceSpec.Ip",
        ".NetworkSpec.Bridge",
        ".NetworkSpec.SearchDomain",
        ".ScriptsSpec.Ref",
        ".ScriptsSpec.Repository",
        ".ServiceSpec.Tags[]",
    ];

    private static readonly FleetSpec Base = BaseSpec();

    /// <summary>What each run built and deployed, for the failure message.</summary>
    private static readonly List<string> Log = [];

    private static IReadOnlyList<string> Payloads(string marker) =>
        [
            $"$(touch /tmp/{marker})",
            $"`touch /tmp/{marker}`",
            $"x; touch /tmp/{marker}",
            $"x\ntouch /tmp/{marker}",
            $"x'; touch /tmp/{marker}; '",
            $"x\"; touch /tmp/{marker}; \"",
            $"-oAPT::Update::Pre-Invoke::=touch${{IFS}}/tmp/{marker}",
            $"ct/x$(touch${{IFS}}/tmp/{marker}).sh",
        ];

    /// <summary>A spec that sets every string field the model has (so the walk reaches each one).</summary>
    private static FleetSpec BaseSpec()
    {
        var seed = FleetDefaults.Seed;
        return seed with
        {
            Network = seed.Network with { SearchDomain = "lab.example" },
            Nodes = ["pve"],
            Scripts = seed.Scripts with { LocalPath = "/srv/ProxmoxVE" },
            Backup = seed.Backup with { Mode = "snapshot" },
            Templates =
            [
                seed.FindTemplate("redis")! with
                {
                    Service = "redis",
                    Node = "pve",
                    Source = new TemplateSource
                    {
                        Script = "ct/redis.sh",
                        Answers = ["y"],
                        Variables = new Dictionary<string, string> { ["var_os"] = "debian" },
                    },
                },
                new TemplateSpec
                {
                    Name = "base",
                    Ctid = 950,
                    Hostname = "base-template",
                    Node = "pve",
                    Disk = "4G",
                    Source = new TemplateSource
                    {
                        Kind = TemplateSourceKind.OsTemplate,
                        OsTemplate = "debian-12-standard_12.12-1_amd64.tar.zst",
                        Provision = new ProvisionSpec
                        {
                            Packages = ["curl"],
                            Commands = ["true"],
                            Files = [new FileSpec("/etc/motd", "hello")],
                        },
                    },
                },
            ],
            Services =
            [
                seed.FindService("redis")! with
                {
                    Node = "pve",
                    Tags = ["db"],
                    Settings = new Dictionary<string, string> { ["metrics"] = "9121" },
                    Replicas = new ReplicaSpec
                    {
                        Count = 1,
                        Ctids = [221],
                        IpStart = "10.0.30.25",
                        Hostname = "{hostname}-r{n}",
                    },
                },
                new ServiceSpec
                {
                    Name = "myapp",
                    Template = "redis",
                    Ctid = 250,
                    Hostname = "myapp",
                    Ip = "10.0.30.100",
                    Node = "pve",
                    Replicas = new ReplicaSpec
                    {
                        Count = 1,
                        Ctids = [251],
                        Ips = ["10.0.30.101"],
                    },
                    Custom = new CustomServiceSpec { Configure = ["true"], Check = "true" },
                },
            ],
        };
    }

    private static (List<(SpecStringFields.Field Field, string Value)> Accepted, List<string> Refused) Try(string marker)
    {
        var accepted = new List<(SpecStringFields.Field, string)>();
        var refused = new List<string>();
        foreach (var field in SpecStringFields.Of(Base))
        {
            foreach (var value in Payloads(marker))
            {
                var result = FleetSpecLoader.FromYaml(FleetYamlWriter.Write(field.With(Base, value)), "fleet.yaml");
                if (result.IsValid)
                {
                    accepted.Add((field, value));
                    continue;
                }

                // Refused where the file says it, never at an unknown place.
                result
                    .Problems.Where(p => p.Line <= 0 || p.Column <= 0 || p.File != "fleet.yaml")
                    .Should()
                    .BeEmpty($"{field.Path} = {value.ReplaceLineEndings("\\n")} is refused with FILE:LINE:COL");
                refused.Add(field.Path);
            }
        }

        return (accepted, refused);
    }

    [Fact]
    public void The_walk_reaches_every_string_field_the_spec_model_declares()
    {
        // Act
        var shapes = SpecStringFields.Of(Base).Select(f => f.Shape).ToList();

        // Assert
        FleetSpecLoader.FromYaml(FleetYamlWriter.Write(Base), "fleet.yaml").Problems.Should().BeEmpty();
        SpecStringFields
            .DeclaredShapes()
            .Where(d => !shapes.Any(s => s.Contains(d, StringComparison.Ordinal)))
            .Should()
            .BeEmpty("every string field of the model is set in the base spec, so each is tried");
    }

    [Fact]
    public void A_hostile_value_in_a_field_with_a_shape_is_refused_at_file_line_column()
    {
        // Act
        var (accepted, refused) = Try("lxcforge-never");

        // Assert
        refused.Should().NotBeEmpty();
        accepted
            .Where(a => Shaped.Any(s => a.Field.Shape.EndsWith(s, StringComparison.Ordinal)))
            .Select(a => $"{a.Field.Path} = {a.Value.ReplaceLineEndings("\\n")}")
            .Should()
            .BeEmpty();
    }

    [Fact]
    public async Task A_hostile_value_the_spec_accepts_is_data_building_and_deploying_with_it_runs_nothing()
    {
        // Arrange: every accepted (field, payload) pair, packed into few runs; a field that takes all the payloads
        // at once gets them in one value. A first run has no hostile value, only a custom command touching a control
        // file, which must appear: it proves the check would see a marker.
        var marker = "lxcforge-pwn-" + Guid.NewGuid().ToString("N")[..12];
        var (accepted, _) = Try(marker);
        var payloads = Payloads(marker);
        var runs = new List<List<(SpecStringFields.Field Field, string Value)>> { new() };
        foreach (var group in accepted.Where(a => !Commands.Any(c => a.Field.Shape.EndsWith(c, StringComparison.Ordinal))).GroupBy(a => a.Field.Path))
        {
            var field = group.First().Field;
            var values = Packed(field, group.Select(a => a.Value).ToList());
            for (var i = 0; i < values.Count; i++)
            {
                if (runs.Count <= i)
                    runs.Add([]);
                runs[i].Add((field, values[i]));
            }
        }

        runs.Insert(0, []);
        var control = Base.Services[1].Custom!.Configure.Count;
        using var dir = TempDir.Create();
        var touched = new List<string>();
        var controlSeen = false;

        // Act
        for (var r = 0; r < runs.Count; r++)
        {
            var spec = runs[r].Aggregate(Base, (s, a) => a.Field.With(s, a.Value));
            if (r == 0)
                spec = spec with
                {
                    Services =
                    [
                        spec.Services[0],
                        spec.Services[1] with
                        {
                            Custom = spec.Services[1].Custom! with { Configure = [$"touch /tmp/{marker}-control"] },
                        },
                    ],
                };
            var seen = await BuildAndDeployAsync(spec, dir.Combine(r.ToString(System.Globalization.CultureInfo.InvariantCulture)), marker);
            touched.AddRange(seen.Where(p => !p.EndsWith("-control", StringComparison.Ordinal)));
            controlSeen |= seen.Any(p => p.EndsWith("-control", StringComparison.Ordinal));
        }

        // Assert
        control.Should().BePositive();
        runs.Skip(1).SelectMany(r => r).Should().NotBeEmpty("some free-form values (answers, file contents, variable values) are data and accepted");
        controlSeen
            .Should()
            .BeTrue($"the custom command, run as written, touched its control file: the check sees markers ({runs.Count} runs: {string.Join("; ", Log)})");
        touched.Should().BeEmpty($"no hostile value ran (fields tried: {string.Join(", ", runs.SelectMany(r => r.Select(a => a.Field.Path)).Distinct())})");
    }

    /// <summary>
    /// The accepted payloads of one field in as few values as the field takes: all of them joined by newlines, else
    /// joined by spaces (plus any with a newline on their own), else one by one.
    /// </summary>
    private static List<string> Packed(SpecStringFields.Field field, List<string> accepted)
    {
        bool Takes(string value) => FleetSpecLoader.FromYaml(FleetYamlWriter.Write(field.With(Base, value)), "fleet.yaml").IsValid;
        var lines = string.Join("\n", accepted);
        if (Takes(lines))
            return [lines];
        var oneLine = accepted.Where(a => !a.Contains('\n')).ToList();
        var words = string.Join(" ", oneLine);
        return oneLine.Count > 1 && Takes(words) ? [words, .. accepted.Where(a => a.Contains('\n'))] : accepted;
    }

    /// <summary>Builds the spec's templates and deploys it on a fresh simulator; returns the marker files found.</summary>
    private static async Task<List<string>> BuildAndDeployAsync(FleetSpec spec, string directory, string marker)
    {
        await using var sim = await SimulatedFleet.StartAsync(spec, withTemplates: false);
        await using var shell = new SimulatorNodeShell(new NodeCommandLine(sim.Cluster, sim.Cluster), Path.Combine(directory, "node"));
        var builder = new TemplateBuilder(
            sim.Host,
            shell,
            new PinnedScriptSupply(new StandInScriptOrigin(), Path.Combine(directory, "cache"), Path.Combine(directory, "scripts.lock")),
            TimeProvider.System
        )
        {
            ScriptTimeout = TimeSpan.FromMinutes(2),
        };
        var log = new List<string>();
        foreach (var template in spec.Templates)
        {
            var built = await builder.BuildAsync(spec, template, force: false);
            log.Add($"{template.Name}: {built.Outcome} {built.Step} {built.Message}");
        }

        var deployed = await sim.DeployAsync(spec);
        log.AddRange(deployed.Outcomes.Select(o => $"{o.Service}: {o.Result} {o.Error}"));
        Log.AddRange(log);

        var ctids = spec.Templates.Select(t => t.Ctid).Concat(spec.Services.Select(s => s.Ctid)).Concat([221, 251]);
        var names = new[] { marker, marker + "-control" };
        var places = ctids
            .SelectMany(c => names.Select(n => Path.Combine(sim.Cluster.SandboxRoot(c), "tmp", n)))
            .Concat(names.Select(n => Path.Combine("/tmp", n)));
        return places.Where(File.Exists).ToList();
    }
}
