using LxcForge.Simulator.NodeCli.Tools;
using LxcForge.Simulator.NodeCli.Tools.Pct;
using LxcForge.Simulator.NodeCli.Tools.Pvesh;
using LxcForge.Simulator.NodeCli.Tools.Storage;
using LxcForge.Simulator.NodeCli.Tools.Templates;

namespace LxcForge.Simulator.NodeCli;

/// <summary>
/// The command line of a simulated Proxmox node. As on a real node the tools translate to API calls
/// (<c>pct clone 900 200 --full</c> → <c>POST /nodes/{node}/lxc/900/clone</c>), run workers to their end,
/// and print what the real tools print with their exit codes. <c>pct exec</c> and <c>lxc-attach</c> go to
/// <see cref="ISimulatorExec"/>.
/// </summary>
public sealed class NodeCommandLine : INodeCommandLine
{
    private static readonly IReadOnlyDictionary<string, NodeTool> PveTools = new[]
    {
        PctTool.Create(),
        PvesmTool.Create(),
        PveamTool.Create(),
        PveshTool.Create(),
        VzdumpTool.Create(),
        PveversionTool.Create(),
    }.ToDictionary(tool => tool.Name, StringComparer.Ordinal);

    private readonly IPveApi api;
    private readonly ISimulatorExec exec;

    public NodeCommandLine(IPveApi api, ISimulatorExec exec)
    {
        this.api = api;
        this.exec = exec;
    }

    /// <summary>The tools this command line offers.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = [.. PveTools.Keys, "lxc-attach"];

    public async Task<CommandResult> RunAsync(
        string node,
        string tool,
        IReadOnlyList<string> arguments,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default
    )
    {
        var context = new CliContext(node, api, exec, standardInput, environment, cancellationToken);
        int exitCode;
        if (tool == "lxc-attach")
        {
            exitCode = await LxcAttachTool.RunAsync(context, arguments);
        }
        else if (PveTools.TryGetValue(tool, out var pveTool))
        {
            exitCode = await pveTool.RunAsync(context, arguments);
        }
        else
        {
            context.PrintError($"{tool}: command not found");
            exitCode = 127;
        }

        return new CommandResult(exitCode, context.Out.ToString(), context.Err.ToString());
    }
}
