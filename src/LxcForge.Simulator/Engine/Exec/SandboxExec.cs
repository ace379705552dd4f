using LxcForge.Processes;

namespace LxcForge.Simulator.Engine.Exec;

/// <summary>
/// Runs a command inside a sandbox root: new mount, PID, network, UTS and IPC namespaces (<c>unshare</c>),
/// then <c>chroot</c>. The private network namespace gets an <c>eth0</c> with the container's address only once
/// its network is up, so readiness probes see what a real container would. Never reaches any other host.
/// </summary>
internal static class SandboxExec
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // Runs as root of the new namespaces, on the host's tools, then enters the sandbox.
    private const string Script = """
        root="$1"; addr="$2"; host="$3"; shift 3
        P="$__LXCFORGE_SIM_PATH"; unset __LXCFORGE_SIM_PATH
        C="$(command -v chroot)"
        mount -t proc proc "$root/proc" 2>/dev/null
        for d in null zero random urandom full; do
          [ -e "$root/dev/$d" ] || : > "$root/dev/$d"
          mount --bind "/dev/$d" "$root/dev/$d" 2>/dev/null
        done
        ip link set lo up 2>/dev/null
        if [ -n "$addr" ]; then
          ip link add eth0 type veth peer name veth0 && ip link set veth0 up && ip addr add "$addr" dev eth0 && ip link set eth0 up
        fi
        hostname "$host" 2>/dev/null
        export PATH="$P"
        exec "$C" "$root" "$@"
        """;

    private static readonly Lazy<Task<string[]>> UnshareMode = new(DetectModeAsync);

    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        string root,
        IReadOnlyList<string> command,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        string? address,
        string hostname,
        CancellationToken cancellationToken
    )
    {
        var env = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        env.Remove("SSL_CERT_FILE");
        env.Remove("SSL_CERT_DIR");
        env["__LXCFORGE_SIM_PATH"] = env.GetValueOrDefault("PATH") ?? DefaultPath;
        env["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        var args = (await UnshareMode.Value)
            .Concat(["--mount", "--pid", "--fork", "--net", "--uts", "--ipc", "--", "/bin/sh", "-c", Script, "sh", root, address ?? "", hostname])
            .Concat(command);
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest("unshare", args.ToList())
            {
                StandardInput = standardInput,
                Environment = env,
                ReplaceEnvironment = true,
            },
            cancellationToken
        );
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>As root: plain unshare. Otherwise a user namespace mapping us to root. Neither: a clear failure.</summary>
    private static async Task<string[]> DetectModeAsync()
    {
        if (Environment.IsPrivilegedProcess)
            return [];
        var (code, _, err) = await ProcessRunner.RunAsync(new ProcessRequest("unshare", ["--map-root-user", "--mount", "--net", "true"]));
        if (code == 0)
            return ["--map-root-user"];
        throw new InvalidOperationException(
            "the simulator runs pct exec in a sandbox with unshare and chroot: that needs root or unprivileged user namespaces, "
                + $"and 'unshare --map-root-user' failed here: {err.Trim()}"
        );
    }
}
