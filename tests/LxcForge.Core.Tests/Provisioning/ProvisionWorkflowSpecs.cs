using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Provisioning;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using LxcForge.Simulator.StandInScripts;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Utils;

namespace LxcForge.Core.Tests.Provisioning;

/// <summary>Both of the fleet design's phases on an empty simulated host: the templates from the stand-in community scripts, then the services.</summary>
public sealed class ProvisionWorkflowSpecs : IAsyncLifetime, IDisposable
{
    private static readonly FleetSpec Fleet = SimulatedFleet.Only("postgresql", "redis");
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

    private ProvisionWorkflow Workflow(List<TemplateBuildResult> seen, List<string> order) =>
        new(
            _sim.Workflow(),
            new TemplateBuilder(
                _sim.Host,
                _shell,
                new PinnedScriptSupply(new StandInScriptOrigin(), _dir.Combine("cache"), _dir.Combine("scripts.lock")),
                TimeProvider.System
            )
        )
        {
            TemplateBuilt = t =>
            {
                seen.Add(t);
                order.Add($"template {t.Template}");
            },
            ServicesStarting = () => order.Add("services"),
        };

    [Fact]
    public async Task On_an_empty_host_the_templates_are_built_one_after_another_then_every_service_is_deployed()
    {
        // Arrange
        var seen = new List<TemplateBuildResult>();
        var order = new List<string>();

        // Act
        var result = await Workflow(seen, order).RunAsync(Fleet, "demo");

        // Assert
        order.Should().Equal("template postgresql", "template redis", "services");
        result.Templates.Should().Equal(seen).And.OnlyContain(t => t.Outcome == TemplateBuildOutcome.Built);
        result.FailedTemplate.Should().BeNull();
        result.Deploy!.Outcomes.Select(o => (o.Ctid, o.Result)).Should().Equal((200, DeployOutcomeKind.Done), (201, DeployOutcomeKind.Done));
    }

    [Fact]
    public async Task A_template_that_fails_stops_the_run_before_any_service_is_deployed()
    {
        // Arrange: someone else's container at PostgreSQL's template CTID.
        var node = (await _sim.Host.GetInfoAsync()).Nodes[0].Name;
        var os = (await _sim.Host.GetOsTemplatesAsync(node, "local"))[0].VolumeId;
        await _sim.Host.CreateAsync(
            new CreateContainerRequest(900, node, os, "local-lvm") { Options = new Dictionary<string, string> { ["hostname"] = "someones-box" } }
        );
        var order = new List<string>();

        // Act
        var result = await Workflow([], order).RunAsync(Fleet, "demo");

        // Assert
        order.Should().Equal("template postgresql");
        result.FailedTemplate!.Message.Should().Contain("LxcForge does not own");
        result.Deploy.Should().BeNull();
        (await _sim.Host.ListContainersAsync()).Select(c => c.Vmid).Should().Equal(900);
    }
}
