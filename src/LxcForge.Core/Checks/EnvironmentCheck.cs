using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Checks;

/// <summary>
/// The original scripts' <c>check_proxmox</c> (docs/fleet-design.md#the-original-scripts), grown up: before anything is built or deployed, checks through any
/// <see cref="IContainerHost"/> that the host is reachable and lets us in, and that the nodes, storages (content
/// types and free space), bridges, CTID ranges, addresses and privileges the spec needs are there. Reads only.
/// </summary>
public sealed partial class EnvironmentCheck(IContainerHost host, FleetSpec spec)
{
    private readonly List<CheckResult> _results = [];

    public async Task<EnvironmentReport> RunAsync(CancellationToken cancellationToken = default)
    {
        _results.Clear();
        HostInfo info;
        try
        {
            info = await host.GetInfoAsync(cancellationToken);
        }
        catch (HostException e) when (e.Kind is HostErrorKind.Unreachable or HostErrorKind.AuthenticationFailed or HostErrorKind.PermissionDenied)
        {
            _results.Add(CheckResult.Fail("host", e.Message));
            return new EnvironmentReport(host.Description, _results.ToList(), HostUnreachable: e.Kind != HostErrorKind.PermissionDenied);
        }

        _results.Add(CheckResult.Pass("host", $"reachable and authenticated ({host.Description})"));
        CheckVersion(info);
        var nodes = CheckNodes(info);
        if (nodes.Count == 0)
            return Report();
        var containers = await ReadContainersAsync(cancellationToken);
        foreach (var node in nodes)
        {
            await CheckStoragesAsync(node, containers, cancellationToken);
            await CheckBridgesAsync(node, cancellationToken);
        }

        CheckCtids(containers);
        CheckAddresses(containers);
        CheckPrivileges(containers);
        return Report();
    }

    private EnvironmentReport Report() => new(host.Description, _results.ToList(), HostUnreachable: false);

    private void CheckVersion(HostInfo info)
    {
        var major = int.TryParse(
            info.Version.Split('.')[0],
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var m
        )
            ? m
            : 0;
        var text = $"{info.Product} {info.Version}" + (info.Release is null ? string.Empty : $" (release {info.Release})");
        _results.Add(
            major >= 8 || info.Product != "pve-manager"
                ? CheckResult.Pass("version", text)
                : CheckResult.Warn("version", $"{text}: LxcForge is built against Proxmox VE 8 and 9; older releases lack some parameters")
        );
    }

    /// <summary>The nodes the fleet uses: the spec's, or every online node when it names none.</summary>
    private List<string> CheckNodes(HostInfo info)
    {
        var wanted = spec.Nodes.Count > 0 ? spec.Nodes : info.Nodes.Where(n => n.Online).Select(n => n.Name).ToList();
        if (wanted.Count == 0)
        {
            _results.Add(CheckResult.Fail("nodes", "the host reports no online node"));
            return [];
        }

        var usable = new List<string>();
        foreach (var name in wanted)
        {
            var node = info.Nodes.FirstOrDefault(n => n.Name == name);
            if (node is null)
                _results.Add(CheckResult.Fail($"node {name}", $"no such node (the host has: {string.Join(", ", info.Nodes.Select(n => n.Name))})"));
            else if (!node.Online)
                _results.Add(CheckResult.Fail($"node {name}", "offline"));
            else
            {
                _results.Add(CheckResult.Pass($"node {name}", $"online, {node.Cores} cores, {node.MemoryBytes / (1024 * 1024 * 1024.0):0.#} GiB memory"));
                usable.Add(name);
            }
        }

        return usable;
    }

    private async Task<IReadOnlyList<ContainerInfo>> ReadContainersAsync(CancellationToken ct)
    {
        var list = await host.ListContainersAsync(ct);
        var result = new List<ContainerInfo>();
        foreach (var summary in list)
        {
            if (await host.GetContainerAsync(summary.Vmid, ct) is { } info)
                result.Add(info);
        }

        return result;
    }

    private async Task CheckBridgesAsync(string node, CancellationToken ct)
    {
        var bridges = await host.GetBridgesAsync(node, ct);
        foreach (var (bridge, role) in new[] { (spec.Network.Bridge, "services"), (spec.Network.TemplateBridge, "template builds") }.Distinct())
        {
            var found = bridges.FirstOrDefault(b => b.Name == bridge);
            _results.Add(
                found is null
                    ? CheckResult.Fail(
                        $"bridge {bridge}",
                        $"not on node {node} ({role} use it); the node has: {string.Join(", ", bridges.Select(b => b.Name))}"
                    )
                    : CheckResult.Pass($"bridge {bridge}", $"on node {node} for {role}" + (found.Active ? string.Empty : " (inactive)"))
            );
        }
    }
}
