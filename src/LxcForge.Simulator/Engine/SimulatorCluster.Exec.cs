using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Api;
using LxcForge.Simulator.Engine.Exec;

namespace LxcForge.Simulator.Engine;

/// <summary><c>pct exec</c> / <c>lxc-attach</c>: runs in the container's sandbox, recorded in <see cref="ExecHistory"/>.</summary>
public sealed partial class SimulatorCluster
{
    /// <inheritdoc />
    /// <exception cref="PveApiException">The CT does not exist (<c>Configuration file ... does not exist</c>), is not running
    /// (<c>container '200' not running!</c>) or no command was given — as pct fails (exit code 255 on the CLI).</exception>
    public async Task<SimExecResult> ExecAsync(
        int vmid,
        IReadOnlyList<string> command,
        string? standardInput,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken = default
    )
    {
        string hostname,
            ostype;
        string? address;
        using (Gate.Enter())
        {
            if (!State.Containers.TryGetValue(vmid, out var ct))
                throw Pve.NoConfig(State.Nodes.Keys.First(), vmid);
            if (Faults.IsOffline(ct.Node))
                throw NodeUnreachable(ct.Node);
            if (!ct.Running)
                throw Pve.Die($"container '{vmid}' not running!");
            if (command.Count == 0)
                throw Pve.Die("missing command");
            hostname = ct.Name;
            ostype = ct.Config.GetValueOrDefault("ostype") ?? "debian";
            var netUp = ct.NetworkUpAt is { } up && Clock.GetUtcNow() >= up;
            address = netUp && ct.Config.GetValueOrDefault("net0") is { } net0 && NetworkInterface.Parse(net0).Ip is { } ip ? Leased(vmid, ip) : null;
        }

        var root = await Sandboxes.EnsureAsync(vmid, hostname, ostype);
        var (code, stdout, stderr) = await SandboxExec.RunAsync(root, command, standardInput, environment, address, hostname, cancellationToken);
        var record = new ExecRecord(vmid, command.ToArray(), standardInput, new Dictionary<string, string>(environment), code, Clock.GetUtcNow());
        using (Gate.Enter())
        {
            if (!State.ExecHistory.TryGetValue(vmid, out var list))
                State.ExecHistory[vmid] = list = [];
            list.Add(record);
        }

        return new SimExecResult(code, stdout, stderr);
    }

    /// <inheritdoc />
    public IReadOnlyList<ExecRecord> ExecHistory(int vmid)
    {
        using (Gate.Enter())
            return State.ExecHistory.TryGetValue(vmid, out var list) ? list.ToArray() : [];
    }

    /// <summary>The path of <paramref name="vmid"/>'s sandbox root on this machine (tests read files written inside).</summary>
    public string SandboxRoot(int vmid) => Sandboxes.Root(vmid);

    /// <summary>
    /// A static address as configured; <c>dhcp</c> gets a lease the simulated bridge's DHCP server would hand out,
    /// from the documentation range 192.0.2.0/24 so it can never be mistaken for a real network.
    /// </summary>
    private static string? Leased(int vmid, string ip) =>
        ip.Contains('/') ? ip
        : ip == "dhcp" ? $"192.0.2.{2 + (vmid % 250)}/24"
        : null;
}
