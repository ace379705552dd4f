using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Pct;

/// <summary>pct subcommands without a worker: set (a config PUT), unlock and exec (local actions of pct itself).</summary>
internal static class PctLocal
{
    /// <summary>Environment variables pct exec drops before it hands over to lxc-attach.</summary>
    private static readonly string[] DroppedForExec = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

    public static async Task<int> SetAsync(CliContext context, CliArguments arguments)
    {
        await context.CallAsync("PUT", context.NodePath($"/lxc/{arguments.VmId}/config"), arguments.ApiParameters());
        return 0;
    }

    /// <summary>Removes the config lock; fails as pct does when there is none.</summary>
    public static async Task<int> UnlockAsync(CliContext context, CliArguments arguments)
    {
        var config =
            await context.GetAsync(context.NodePath($"/lxc/{arguments.VmId}/config"), new Dictionary<string, string> { ["current"] = "1" }) as JsonObject ?? [];
        if (PerlText.Of(config["lock"]) is not { Length: > 0 })
            throw new CliDieException("no lock found trying to remove any lock");
        await NodeActions.UnlockAsync(context, arguments.VmId);
        return 0;
    }

    /// <summary>
    /// Checks the CT exists and runs, then runs the command as lxc-attach would: keep-env by default,
    /// SSL_CERT_FILE/SSL_CERT_DIR dropped, stdin and the exit code passed straight through.
    /// </summary>
    public static async Task<int> ExecAsync(CliContext context, CliArguments arguments)
    {
        var vmid = arguments.VmId;
        var status = await context.GetAsync(context.NodePath($"/lxc/{vmid}/status/current"));
        if (PerlText.Of(status?["status"]) != "running")
            throw new CliDieException($"container '{vmid}' not running!");
        if (arguments.Rest.Count == 0)
            throw new CliDieException("missing command");

        var environment = context
            .Environment.Where(v => !DroppedForExec.Contains(v.Key, StringComparer.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return await Attach.RunAsync(context, vmid, arguments.Rest, environment, arguments.Flag("keep-env", defaultValue: true));
    }
}
