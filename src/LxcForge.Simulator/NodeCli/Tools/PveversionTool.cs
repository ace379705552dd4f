using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools;

/// <summary><c>pveversion [--verbose]</c>: <c>pve-manager/&lt;version&gt;/&lt;repoid&gt; (running kernel: &lt;release&gt;)</c>.</summary>
internal static class PveversionTool
{
    /// <summary>The kernel a PVE 9.1 node runs, used when the simulator does not report one.</summary>
    private const string DefaultKernel = "6.17.2-1-pve";

    public static NodeTool Create() => new("pveversion", [CliCommand.Of("pveversion", null, "", "verbose:b", RunAsync)]);

    private static async Task<int> RunAsync(CliContext context, CliArguments arguments)
    {
        var version = await context.GetAsync("/version") as JsonObject ?? [];
        var manager = PerlText.Of(version["version"]) ?? "9.1.3";
        var repoid = PerlText.Of(version["repoid"]) ?? "0000000000000000";
        var kernel = await KernelAsync(context);
        if (!arguments.Flag("verbose"))
        {
            context.Print($"pve-manager/{manager}/{repoid} (running kernel: {kernel})");
            return 0;
        }

        var release = manager.Split('.') is [var major, var minor, ..] ? $"{major}.{minor}.0" : manager;
        context.Print($"proxmox-ve: {release} (running kernel: {kernel})");
        context.Print($"pve-manager: {manager} (running version: {manager}/{repoid})");
        return 0;
    }

    private static async Task<string> KernelAsync(CliContext context)
    {
        try
        {
            var status = await context.GetAsync(context.NodePath("/status"));
            if (PerlText.Of(status?["current-kernel"]?["release"]) is { Length: > 0 } release)
                return release;
            if (PerlText.Of(status?["kversion"]) is { } kversion && kversion.Split(' ') is [_, var fromText, ..])
                return fromText;
        }
        catch (PveApiException)
        {
            // A node without a status route still has a kernel.
        }

        return DefaultKernel;
    }
}
