using LxcForge.Core.Catalog;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using static LxcForge.Core.Tests.Planning.ObservedFixtures;

namespace LxcForge.Core.Tests.Planning;

public sealed class PlannerSpecs
{
    private static readonly FleetSpec Seed = FleetDefaults.Seed;

    [Fact]
    public void With_only_the_templates_present_every_service_is_cloned_from_its_template_to_the_service_storage()
    {
        // Arrange
        var observed = TemplatesOnly(Seed);

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        plan.Items.Should().HaveCount(ServiceRegistry.All.Count).And.OnlyContain(i => i.Action == PlanAction.Create && i.Start && i.Configure && i.Check);
        var pg = plan.Items.Single(i => i.Name == "postgresql");
        pg.Ctid.Should().Be(200);
        pg.CloneFrom.Should().Be(new CloneSource(900, "postgresql", "local-lvm", "pve") { SourceStorage = "local-hdd" });
        pg.Changes.Should().ContainEquivalentOf(new ConfigKeyChange("hostname", "postgresql-template", "postgresql-db"));
        pg.Changes.Single(c => c.Key == "net0").New.Should().Be("name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:00:00:01,ip=10.0.30.10/24,type=veth");
        plan.Items.Single(i => i.Name == "gitea").Grow.Should().Be(new DiskGrowth(DiskSize.GiB(4), DiskSize.GiB(8)));
        plan.Items.Single(i => i.Name == "docker").Changes.Single(c => c.Key == "features").New.Should().Be("keyctl=1,nesting=1");
    }

    [Fact]
    public void A_converged_fleet_plans_nothing()
    {
        // Arrange
        var observed = ConvergedFleet(Seed);

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        plan.HasChanges.Should().BeFalse();
        plan.HasErrors.Should().BeFalse();
        plan.Items.Should().OnlyContain(i => i.Action == PlanAction.None && !i.Check);
    }

    [Fact]
    public void Editing_one_services_memory_changes_only_that_key_of_that_service()
    {
        // Arrange
        var observed = ConvergedFleet(Seed);
        var edited = Seed with { Services = Seed.Services.Select(s => s.Name == "redis" ? s with { Memory = 2048 } : s).ToList() };

        // Act
        var plan = Planner.Plan(edited, observed);

        // Assert
        var changed = plan.Items.Where(i => !i.IsNoop).Should().ContainSingle().Subject;
        changed.Name.Should().Be("redis");
        changed.Action.Should().Be(PlanAction.Update);
        changed.Changes.Should().Equal(new ConfigKeyChange("memory", "1024", "2048"));
        changed.Restart.Should().BeFalse();
        changed.Configure.Should().BeFalse();
        changed.Check.Should().BeFalse();
    }

    [Fact]
    public void An_ip_change_updates_net0_keeping_the_mac_and_reconfigures_and_rechecks()
    {
        // Arrange
        var observed = ConvergedFleet(Seed);
        var edited = Seed with { Services = Seed.Services.Select(s => s.Name == "redis" ? s with { Ip = "10.0.30.21" } : s).ToList() };

        // Act
        var plan = Planner.Plan(edited, observed);

        // Assert
        var redis = plan.Items.Single(i => i.Name == "redis");
        redis
            .Changes.Should()
            .ContainSingle()
            .Which.Should()
            .Be(
                new ConfigKeyChange(
                    "net0",
                    "name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:AA:BB:CC,ip=10.0.30.20/24,type=veth",
                    "name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=BC:24:11:AA:BB:CC,ip=10.0.30.21/24,type=veth"
                )
            );
        redis.Configure.Should().BeTrue("Redis binds to its address");
        redis.Check.Should().BeTrue();
        plan.Items.Where(i => i.Name != "redis").Should().OnlyContain(i => i.IsNoop, "Redis exports no metrics, so Prometheus's scrape list is unchanged");
    }

    [Fact]
    public void Moving_a_service_that_exports_metrics_reconfigures_prometheus()
    {
        // Arrange
        var observed = ConvergedFleet(Seed);
        var edited = Seed with { Services = Seed.Services.Select(s => s.Name == "grafana" ? s with { Ip = "10.0.30.61" } : s).ToList() };

        // Act
        var plan = Planner.Plan(edited, observed);

        // Assert
        plan.Items.Single(i => i.Name == "prometheus").Action.Should().Be(PlanAction.Configure);
        plan.Items.Where(i => i.Name is not ("prometheus" or "grafana")).Should().OnlyContain(i => i.IsNoop);
    }

    [Fact]
    public void A_foreign_container_at_a_services_ctid_is_an_error_for_that_service_alone_naming_it()
    {
        // Arrange
        var foreign = Info(
            203,
            "someones-gitea",
            ContainerStatus.Running,
            new Dictionary<string, string> { ["hostname"] = "someones-gitea", ["memory"] = "512" }
        );
        var observed = TemplatesOnly(Seed).Replace(foreign);

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        var gitea = plan.Items.Single(i => i.Name == "gitea");
        gitea.Action.Should().Be(PlanAction.Error);
        gitea.Error.Should().Contain("CT 203 'someones-gitea'").And.Contain("not managed by LxcForge");
        plan.Items.Where(i => i.Name != "gitea").Should().OnlyContain(i => i.Action == PlanAction.Create);
    }

    [Fact]
    public void A_missing_template_is_an_error_naming_the_command_that_builds_it()
    {
        // Arrange
        var observed = Observe(Seed.Templates.Where(t => t.Name != "redis").Select(t => Template(t.Ctid, t.Name)));

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        plan.Items.Single(i => i.Name == "redis").Error.Should().Contain("lxcforge templates create redis");
        plan.Items.Count(i => i.Action == PlanAction.Error).Should().Be(1);
    }

    [Fact]
    public void A_stopped_owned_container_is_started_and_checked_but_not_reconfigured()
    {
        // Arrange
        var converged = ConvergedFleet(Seed);
        var pg = converged.Details[200];
        var observed = converged.Replace(pg with { Summary = pg.Summary with { Status = ContainerStatus.Stopped } });

        // Act
        var plan = Planner.Plan(Seed, observed);

        // Assert
        var item = plan.Items.Single(i => i.Name == "postgresql");
        item.Action.Should().Be(PlanAction.Start);
        item.Configure.Should().BeFalse();
        item.Check.Should().BeTrue();
    }

    [Fact]
    public void A_clone_that_finished_but_was_never_configured_is_configured()
    {
        // Arrange
        var observed = ConvergedFleet(Seed) with { Configured = new Dictionary<int, string>() };

        // Act
        var plan = Planner.Plan(Seed, observed, ["grafana"]);

        // Assert
        plan.Items.Should().ContainSingle().Which.Action.Should().Be(PlanAction.Configure);
    }

    [Fact]
    public void A_create_lock_left_by_an_interrupted_run_of_ours_is_resumed_and_anyone_elses_is_an_error()
    {
        // Arrange
        var locked = Info(201, "CT201", ContainerStatus.Stopped, new Dictionary<string, string> { ["lock"] = "create" }, lockValue: "create");
        var observed = TemplatesOnly(Seed).Replace(locked);

        // Act
        var ours = Planner.Plan(Seed, observed with { ClonesStarted = new HashSet<int> { 201 } }, ["redis"]);
        var theirs = Planner.Plan(Seed, observed, ["redis"]);

        // Assert
        ours.Items.Single().Action.Should().Be(PlanAction.Resume);
        theirs.Items.Single().Action.Should().Be(PlanAction.Error);
    }

    [Fact]
    public void Features_on_a_running_container_need_a_restart_to_apply()
    {
        // Arrange
        var observed = ConvergedFleet(Seed);
        var edited = Seed with
        {
            Services = Seed.Services.Select(s => s.Name == "gitea" ? s with { Features = new FeatureSpec { Nesting = true } } : s).ToList(),
        };

        // Act
        var plan = Planner.Plan(edited, observed);

        // Assert
        var gitea = plan.Items.Single(i => i.Name == "gitea");
        gitea.Changes.Should().Equal(new ConfigKeyChange("features", null, "nesting=1"));
        gitea.Restart.Should().BeTrue();
        gitea.Check.Should().BeTrue();
    }

    [Fact]
    public void Replicas_get_their_own_ctids_addresses_and_hostnames()
    {
        // Arrange
        var fleet = Seed with
        {
            Services = Seed
                .Services.Select(s =>
                    s.Name == "postgresql"
                        ? s with
                        {
                            Replicas = new ReplicaSpec
                            {
                                Count = 3,
                                CtidStart = 210,
                                IpStart = "10.0.30.11",
                            },
                        }
                        : s
                )
                .ToList(),
        };

        // Act
        var desired = FleetInstances.Expand(fleet).Where(d => d.Service.Name == "postgresql").ToList();

        // Assert
        desired
            .Select(d => (d.Name, d.Ctid, d.Ip, d.Hostname))
            .Should()
            .Equal(
                ("postgresql", 200, "10.0.30.10", "postgresql-db"),
                ("postgresql-1", 210, "10.0.30.11", "postgresql-db-1"),
                ("postgresql-2", 211, "10.0.30.12", "postgresql-db-2"),
                ("postgresql-3", 212, "10.0.30.13", "postgresql-db-3")
            );
    }
}
