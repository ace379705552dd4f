using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Shell;

/// <summary>The node shell the community scripts run in: bash on the node this backend reaches.</summary>
public sealed partial class PctShellHost : INodeShell
{
    /// <summary>
    /// Null: the script mirror listens on 127.0.0.1 of the machine LxcForge runs on, which is the node
    /// itself for <c>--host local</c>. Over SSH the node cannot reach it (see README, "Templates").
    /// </summary>
    public string? MirrorAddress => null;

    public async Task<ExecResult> RunScriptAsync(string node, NodeScript script, CancellationToken cancellationToken = default)
    {
        var output = await _runner.RunAsync(
            new CommandSpec("bash", ["-c", script.Script])
            {
                Environment = script.Environment,
                StandardInput = script.StandardInput ?? string.Empty,
                Timeout = script.Timeout,
            },
            cancellationToken
        );
        if (script.OnOutputLine is { } onLine)
        {
            foreach (var line in (output.StandardOutput + output.StandardError).Split('\n'))
                onLine(line.TrimEnd('\r'));
        }

        return new ExecResult(output.ExitCode, output.StandardOutput, output.StandardError);
    }
}
