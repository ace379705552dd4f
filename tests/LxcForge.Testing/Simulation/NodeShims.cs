using LxcForge.Simulator.NodeCli;
using LxcForge.Testing.Ssh;
using LxcForge.Testing.Utils;

namespace LxcForge.Testing.Simulation;

/// <summary>
/// A directory of <c>pct</c>, <c>pvesm</c>, <c>pveam</c>, <c>pvesh</c>, <c>vzdump</c>, <c>pveversion</c> and
/// <c>lxc-attach</c> scripts that run the simulator's node command line: each posts its arguments, stdin and
/// environment to <c>/simulator/cli</c> (curl + jq) and prints what comes back with its exit code. Put it first on
/// a PATH (locally, or through sshd's SetEnv) and the shell backend runs against the simulator as on a node.
/// </summary>
/// <remarks>
/// The API token is read by curl from a 0600 header file, never passed as an argument; stdin goes to jq on a pipe.
/// </remarks>
public sealed class NodeShims : IDisposable
{
    private readonly TempDir _dir = TempDir.Create();

    private NodeShims(ServedSimulator simulator, string node)
    {
        var headerFile = _dir.Combine(".authorization");
        File.WriteAllText(headerFile, $"Authorization: {simulator.Endpoint.Credentials.AuthorizationHeader}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(headerFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var url = new Uri(simulator.Endpoint.BaseUrl, "simulator/cli");
        foreach (var tool in NodeCommandLine.ToolNames)
            ExecutableFile.Write(_dir.Combine(tool), Script(tool, node, url, headerFile));
    }

    public string Directory => _dir.Path;

    /// <summary>Why the shims cannot run here (curl or jq missing), or null.</summary>
    public static string? UnavailableReason =>
        new[] { "curl", "jq" }.FirstOrDefault(p => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, p))))
            is { } missing
            ? $"{missing} is not installed (the simulator's shims need curl and jq; .ci/run installs them)"
            : null;

    public static NodeShims Write(ServedSimulator simulator, string node = "pve") => new(simulator, node);

    public void Dispose() => _dir.Dispose();

    private static string Script(string tool, string node, Uri url, string headerFile) =>
        $$"""
            #!/bin/sh
            # {{tool}} on the LxcForge simulator's node '{{node}}': POST /simulator/cli, print the answer, exit with its code.
            set -u
            if [ -t 0 ]; then input='null'; else input='.'; fi
            if [ -t 0 ]; then jqin='-n'; else jqin='-Rs'; fi
            answer=$(jq $jqin --arg node '{{node}}' --arg tool '{{tool}}' "{node: \$node, tool: \$tool, args: \$ARGS.positional, stdin: $input, env: env}" --args -- "$@" \
              | curl -sS --fail-with-body -H @'{{headerFile}}' -H 'Content-Type: application/json' --data-binary @- '{{url}}') || {
              printf '%s: the simulator did not answer: %s\n' '{{tool}}' "$answer" >&2
              exit 255
            }
            printf '%s' "$answer" | jq -j '.stdout'
            printf '%s' "$answer" | jq -j '.stderr' >&2
            exit "$(printf '%s' "$answer" | jq '.exitCode')"
            """ + "\n";
}
