using System.Diagnostics;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc.Tests.Infra;

/// <summary>
/// A private network namespace holding a bridge that stands for <c>vmbr2</c>, with the fleet design's gateway address
/// 10.0.30.1/24 on it. Its own mount namespace has a fresh sysfs (so LXC sees the namespace's interfaces) with the
/// cgroup tree moved back in. A holder process keeps it alive; it ends when its stdin closes (on dispose, or when
/// the test process dies). Everything the tests send on the network goes to addresses inside it.
/// </summary>
public sealed class PrivateNetwork : IDisposable
{
    public const string Bridge = "vmbr2";
    public const string Gateway = "10.0.30.1";

    private const string Setup = """
        set -e
        aside=$(mktemp -d /run/lxcforge-test-sys.XXXXXX)
        mount --make-rprivate /
        mount --rbind /sys/fs/cgroup "$aside"
        mount -t sysfs sysfs /sys
        mount --move "$aside" /sys/fs/cgroup
        rmdir "$aside"
        ip link set lo up
        ip link add vmbr2 type bridge
        ip addr add 10.0.30.1/24 dev vmbr2
        ip link set vmbr2 up
        echo ready
        exec cat >/dev/null
        """;

    private readonly Process _holder;

    private PrivateNetwork(Process holder) => _holder = holder;

    public int HolderPid => _holder.Id;

    /// <summary>Prefix that runs a command inside the namespace (network and mount).</summary>
    public IReadOnlyList<string> Enter => ["nsenter", $"--net=/proc/{HolderPid}/ns/net", $"--mount=/proc/{HolderPid}/ns/mnt", "--"];

    /// <summary>A runner for commands inside the namespace (clients such as psql and redis-cli).</summary>
    public CommandRunner Runner => new(Enter);

    /// <summary>Shared by every real-container test of the process: made once, on first use.</summary>
    public static PrivateNetwork Shared => LazyShared.Value;

    private static readonly Lazy<PrivateNetwork> LazyShared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PrivateNetwork Create()
    {
        var psi = new ProcessStartInfo("unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--net", "--mount", "--", "sh", "-c", Setup })
            psi.ArgumentList.Add(arg);
        var holder = Process.Start(psi) ?? throw new InvalidOperationException("unshare did not start");
        var line = holder.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result != "ready")
        {
            var error = holder.HasExited ? holder.StandardError.ReadToEnd() : "no answer within 30 s";
            holder.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"could not set up the private network namespace: {error}");
        }

        return new PrivateNetwork(holder);
    }

    public void Dispose()
    {
        _holder.StandardInput.Close();
        if (!_holder.WaitForExit(TimeSpan.FromSeconds(10)))
            _holder.Kill(entireProcessTree: true);
        _holder.Dispose();
    }
}
