using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeShell;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Sim;

public sealed class SimShellSettings : GlobalSettings
{
    [CommandOption("--state <NAME>")]
    [Description("Work on the kept cluster NAME, the one --host sim://NAME uses (saved when the shell ends); without it, a fresh cluster forgotten afterwards")]
    public string? State { get; init; }

    [CommandOption("--node <NODE>")]
    [Description("The node the tools act on, as if logged in there (default: the first node)")]
    public string? Node { get; init; }

    [CommandOption("--nodes <N>")]
    [Description("Number of nodes when the cluster is new (default 1: the fleet design's host 'pve')")]
    [DefaultValue(1)]
    public int Nodes { get; init; } = 1;

    public override Spectre.Console.ValidationResult Validate() =>
        Nodes is < 1 or > 64 ? Spectre.Console.ValidationResult.Error($"--nodes {Nodes} must be between 1 and 64") : Spectre.Console.ValidationResult.Success();
}

/// <summary>
/// <c>lxcforge sim shell [--state NAME] [-- COMMAND…]</c>: a bash "on a simulated Proxmox node" with pct, pvesm, pveam,
/// pvesh, vzdump, pveversion and lxc-attach first on PATH, answered by the simulator (the shims of
/// <see cref="SimulatorNodeShell"/>), so scripts written for a Proxmox node run unchanged. With a command it runs
/// that command and exits with its exit code; without one it is an interactive shell (or reads a script on stdin).
/// </summary>
public sealed class SimShellCommand(CliConsole io) : LxcForgeCommand<SimShellSettings>(io)
{
    protected override async Task<int> RunAsync(SimShellSettings settings, CancellationToken cancellationToken)
    {
        var command = Context?.Remaining.Raw ?? [];
        await using var state = StateOption.Open(
            Io.EnvironmentVariable,
            settings.State,
            SimulatorStates.Options(Io.EnvironmentVariable),
            ClusterProfile.WithNodes(settings.Nodes)
        );
        var cluster = state.Cluster;
        if (state.Session is null)
            Output.Note("a fresh simulated cluster, forgotten when this shell ends; --state NAME keeps one (the same as --host sim://NAME)");
        var node = settings.Node ?? cluster.NodeNames[0];
        if (!cluster.NodeNames.Contains(node, StringComparer.Ordinal))
            throw new CliException($"--node {node}: no such node; the cluster has {string.Join(", ", cluster.NodeNames)}");

        await using var shell = new SimulatorNodeShell(new NodeCommandLine(cluster, cluster), Path.Combine(cluster.StateDirectory, "node-shell"));
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Io.WorkingDirectory };
        foreach (var (key, value) in shell.EnvironmentFor(node))
            start.Environment[key] = value;
        if (command.Count > 0)
        {
            // exec "$@": bash finds the tool on the shims' PATH (a process started from here would search ours).
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$@\"");
            start.ArgumentList.Add("lxcforge-sim-shell");
            foreach (var word in command)
                start.ArgumentList.Add(word);
        }
        else if (Console.IsInputRedirected)
        {
            start.ArgumentList.Add("-s");
        }
        else
        {
            start.ArgumentList.Add("--rcfile");
            start.ArgumentList.Add(WriteRcFile(shell, settings.State ?? "fresh", node));
            start.ArgumentList.Add("-i");
        }

        // Ctrl-C belongs to the shell and what runs in it; this process only waits for it.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => ctx.Cancel = true);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, ctx => ctx.Cancel = true);
        using var process = Process.Start(start) ?? throw new CliException("could not start bash", ExitCodes.StepFailed);
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }

    // The user's own bashrc first (it may set PATH), then the node's tools in front and a prompt that says where this is.
    private static string WriteRcFile(SimulatorNodeShell shell, string state, string node)
    {
        var path = Path.Combine(Path.GetDirectoryName(shell.ShimDirectory)!, "bashrc");
        File.WriteAllText(
            path,
            $$"""
            [ -f ~/.bashrc ] && . ~/.bashrc
            export PATH="{{shell.ShimDirectory}}:$PATH"
            PS1="(sim:{{state}}) root@{{node}}:\w# "
            echo "LxcForge simulator: {{string.Join(", ", SimulatorNodeShell.Tools.Where(t => t != "qm"))}} act on node {{node}}; exit to leave."

            """
        );
        return path;
    }
}
