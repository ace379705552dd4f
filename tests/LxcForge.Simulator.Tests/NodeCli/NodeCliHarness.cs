using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.Tests.Engine;

namespace LxcForge.Simulator.Tests.NodeCli;

/// <summary>The real simulated cluster with its node command line, run in-process as a shell script would run the tools.</summary>
internal sealed class NodeCliHarness : IAsyncDisposable
{
    public NodeCliHarness(double factor = 1000) => Sim = new SimHarness(factor: factor);

    public SimHarness Sim { get; }

    public NodeCommandLine CommandLine => new(Sim.Cluster, Sim.Cluster);

    public Task<CommandResult> Run(string tool, params string[] arguments) =>
        CommandLine.RunAsync("pve", tool, arguments, null, new Dictionary<string, string>());

    /// <summary>Runs a command that must succeed; returns its stdout.</summary>
    public async Task<string> Ok(string tool, params string[] arguments)
    {
        var result = await Run(tool, arguments);
        result.ExitCode.Should().Be(0, $"'{tool} {string.Join(' ', arguments)}' failed: {result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>A template on local-hdd, made with the node's tools: pct create, then pct template.</summary>
    public async Task Template(int vmid, string hostname)
    {
        await Ok(
            "pct",
            "create",
            vmid.ToString(),
            SimHarness.Debian12,
            "--hostname",
            hostname,
            "--rootfs",
            "local-hdd:8",
            "--net0",
            "name=eth0,bridge=vmbr2,ip=10.0.30.90/24,gw=10.0.30.1",
            "--unprivileged",
            "1"
        );
        await Ok("pct", "template", vmid.ToString());
    }

    public ValueTask DisposeAsync() => Sim.DisposeAsync();
}
