using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli;

/// <summary>Reaches the simulator's node-local actions, when the API behind the command line offers them.</summary>
internal static class NodeActions
{
    public static Task UnlockAsync(CliContext context, int vmid) =>
        context.Api is ISimulatorNodeActions actions
            ? actions.UnlockAsync(context.Node, vmid, context.CancellationToken)
            : throw new CliDieException("pct unlock: not available on this simulator (it has no node-local actions)");
}
