using System.Diagnostics;
using LxcForge.Core.Hosting;

namespace LxcForge.Simulator.NodeShell;

/// <summary>
/// A bash "on the simulated node": scripts run as local processes with shims for pct, pvesm, pveam, pvesh,
/// vzdump, pveversion and lxc-attach first on PATH, answered by the simulator's node command line. Files a
/// script writes under the node's root (the diagnostics opt-out) go below <c>NODE_ROOT</c>, a directory of
/// the simulator's, never the real /usr/local.
/// </summary>
public sealed class SimulatorNodeShell : INodeShell, IAsyncDisposable
{
    public static IReadOnlyList<string> Tools { get; } = ["pct", "pvesm", "pveam", "pvesh", "vzdump", "pveversion", "lxc-attach", "qm"];

    private readonly NodeToolBridge _bridge;
    private readonly string _directory;

    public SimulatorNodeShell(INodeCommandLine commandLine, string directory)
    {
        _bridge = new NodeToolBridge(commandLine);
        _directory = directory;
        Directory.CreateDirectory(ShimDirectory);
        Directory.CreateDirectory(NodeRoot);
        foreach (var tool in Tools)
        {
            var path = Path.Combine(ShimDirectory, tool);
            File.WriteAllText(path, Shim(tool));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The simulator is LxcForge's own process: its script mirror on 127.0.0.1 serves.</summary>
    public string? MirrorAddress => null;

    public string ShimDirectory => Path.Combine(_directory, "bin");

    public string NodeRoot => Path.Combine(_directory, "root");

    /// <summary>
    /// What a process needs to act on the simulated node <paramref name="node"/>: the shims first on PATH, NODE_ROOT,
    /// and the bridge's port and key (for this user's processes only; the key is no credential of any host).
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(string node) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = ShimDirectory + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["NODE_ROOT"] = NodeRoot,
            ["LXCFORGE_NODE"] = node,
            ["LXCFORGE_NODE_PORT"] = _bridge.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LXCFORGE_NODE_KEY"] = _bridge.Key,
        };

    public async Task<ExecResult> RunScriptAsync(string node, NodeScript script, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = NodeRoot,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script.Script);
        foreach (var (key, value) in script.Environment)
            psi.Environment[key] = value;
        foreach (var (key, value) in EnvironmentFor(node))
            psi.Environment[key] = value;

        using var process = Process.Start(psi) ?? throw new HostException(HostErrorKind.Unreachable, "could not start bash for the simulated node");
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        var outTask = PumpAsync(process.StandardOutput, stdout, script.OnOutputLine);
        var errTask = PumpAsync(process.StandardError, stderr, script.OnOutputLine);
        await process.StandardInput.WriteAsync(script.StandardInput ?? string.Empty);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(outTask, errTask);
        return new ExecResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, System.Text.StringBuilder into, Action<string>? onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
                into.Append(line).Append('\n');
            onLine?.Invoke(line);
        }
    }

    /// <summary>A node tool in bash: send the call over the bridge, print what comes back, exit with its code.</summary>
    private static string Shim(string tool) =>
        $$"""
            #!/usr/bin/env bash
            # LxcForge simulator: '{{tool}}' of the simulated Proxmox node (generated at run time).
            exec 3<>"/dev/tcp/127.0.0.1/${LXCFORGE_NODE_PORT:?not inside an LxcForge simulator shell}" || exit 255
            # Only lxc-attach hands the caller's stdin to the container (the install script reads its answers there);
            # like a real pct exec of a command that reads nothing, every other tool leaves stdin for the caller.
            input=""
            [ "{{tool}}" != lxc-attach ] || input=$(base64 -w0)
            {
              printf '%s\n%s\n%s\n%s\n' "$LXCFORGE_NODE_KEY" "$LXCFORGE_NODE" "{{tool}}" "$#"
              for a in "$@"; do printf '%s' "$a" | base64 -w0; echo; done
              echo "$input"
              env -0 | base64 -w0; echo
            } >&3
            IFS= read -r code <&3 || { echo "{{tool}}: the simulator did not answer" >&2; exit 255; }
            IFS= read -r out <&3
            IFS= read -r err <&3
            exec 3<&-
            [ -z "$out" ] || printf '%s' "$out" | base64 -d
            [ -z "$err" ] || printf '%s' "$err" | base64 -d >&2
            exit "$code"

            """;

    public ValueTask DisposeAsync() => _bridge.DisposeAsync();
}
