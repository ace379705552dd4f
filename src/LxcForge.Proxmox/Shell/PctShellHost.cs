using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Shell;

/// <summary>
/// <see cref="IContainerHost"/> through a Proxmox node's own command line (<c>pct</c>, <c>pvesm</c>, <c>pveam</c>,
/// <c>vzdump</c>, <c>pvesh</c>), run by an <see cref="ICommandRunner"/>: locally or over SSH. Like <c>pct</c> itself it
/// acts on the node it runs on; cluster-wide reads go through <c>pvesh</c>. Secrets travel on stdin only.
/// </summary>
public sealed partial class PctShellHost : IContainerHost
{
    private readonly ICommandRunner _runner;
    private readonly PctShellHostOptions _options;
    private readonly SemaphoreSlim _nodeLock = new(1, 1);
    private string? _node;

    public PctShellHost(ICommandRunner runner, PctShellHostOptions? options = null)
    {
        _runner = runner;
        _options = options ?? new PctShellHostOptions();
        _node = _options.Node;
    }

    public string Description => $"pct-shell {_runner.Description}";

    public HostCapabilities Capabilities { get; } = HostCapabilities.All;

    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var version = PveshJson.Object(await PveshGetAsync("/version", [], cancellationToken), "/version");
        var nodes = PveshJson
            .Array(await PveshGetAsync("/nodes", [], cancellationToken), "/nodes")
            .Select(n => new NodeInfo(
                PveshJson.Str(n, "node") ?? "",
                PveshJson.Str(n, "status") == "online",
                (int)PveshJson.Long(n, "maxcpu"),
                PveshJson.Long(n, "maxmem")
            ))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        return new HostInfo("pve-manager", PveshJson.Str(version, "version") ?? "", PveshJson.Str(version, "release"), nodes);
    }

    /// <summary>The root CA as this node's shell reads it (<c>pvesh get /nodes/NODE/certificates/info</c>): the API's identity too.</summary>
    public async Task<string> GetIdentityAsync(CancellationToken cancellationToken = default)
    {
        var node = await GetLocalNodeAsync(cancellationToken);
        return RootCaIdentity.From(
            PveshJson.Array(await PveshGetAsync($"/nodes/{node}/certificates/info", [], cancellationToken), "the node's certificates"),
            node
        );
    }

    public async Task<IReadOnlyList<StorageInfo>> GetStoragesAsync(string? node = null, CancellationToken cancellationToken = default)
    {
        var nodes = node is not null ? [node] : (await GetInfoAsync(cancellationToken)).Nodes.Where(n => n.Online).Select(n => n.Name).ToList();
        var result = new List<StorageInfo>();
        foreach (var n in nodes)
        {
            var rows = PveshJson.Array(await PveshGetAsync($"/nodes/{n}/storage", [], cancellationToken), $"the storages of node '{n}'");
            result.AddRange(
                rows.Select(s => new StorageInfo(
                    PveshJson.Str(s, "storage") ?? "",
                    n,
                    PveshJson.Str(s, "type") ?? "",
                    (PveshJson.Str(s, "content") ?? "")
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .ToHashSet(StringComparer.Ordinal),
                    PveshJson.Bool(s, "shared"),
                    PveshJson.Bool(s, "active"),
                    PveshJson.Bool(s, "enabled", fallback: true),
                    PveshJson.Long(s, "total"),
                    PveshJson.Long(s, "used")
                ))
            );
        }

        return [.. result.OrderBy(s => s.Node, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<BridgeInfo>> GetBridgesAsync(string node, CancellationToken cancellationToken = default)
    {
        var rows = PveshJson.Array(await PveshGetAsync($"/nodes/{node}/network", [], cancellationToken), $"the network of node '{node}'");
        return
        [
            .. rows.Where(r => PveshJson.Str(r, "type") is "bridge" or "OVSBridge")
                .Select(r => new BridgeInfo(PveshJson.Str(r, "iface") ?? "", node, PveshJson.Str(r, "cidr"), PveshJson.Bool(r, "active")))
                .OrderBy(b => b.Name, StringComparer.Ordinal),
        ];
    }

    public async Task<IReadOnlyList<OsTemplateInfo>> GetOsTemplatesAsync(string node, string storage, CancellationToken cancellationToken = default)
    {
        await EnsureLocalNodeAsync(node, "list OS templates", cancellationToken);
        var output = await RunAsync(Cmd("pveam", "list", storage), null, cancellationToken);
        return PveamOutput.ParseList(output.StandardOutput);
    }

    public async Task<IReadOnlyList<string>> GetAvailableOsTemplatesAsync(string node, CancellationToken cancellationToken = default)
    {
        await EnsureLocalNodeAsync(node, "list downloadable OS templates", cancellationToken);
        var output = await RunAsync(Cmd("pveam", "available", "--section", "system"), null, cancellationToken);
        return PveamOutput.ParseAvailable(output.StandardOutput);
    }

    /// <remarks><c>pveam download</c> exits 0 even when the download fails: the file is looked for in <c>pveam list</c> afterwards.</remarks>
    public async Task<TaskOutcome> DownloadOsTemplateAsync(string node, string storage, string template, CancellationToken cancellationToken = default)
    {
        await EnsureLocalNodeAsync(node, "download an OS template", cancellationToken);
        var command = TaskCmd("pveam", "download", storage, template);
        var output = await RunAsync(command, null, cancellationToken);
        var present = await GetOsTemplatesAsync(node, storage, cancellationToken);
        if (!present.Any(t => t.Name == template))
            throw CliFailure.SilentFailure(command, output, $"'{template}' is not in 'pveam list {storage}'");
        return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
    }

    public ValueTask DisposeAsync()
    {
        _nodeLock.Dispose();
        return _runner.DisposeAsync();
    }

    /// <summary>The node this shell runs on.</summary>
    public async Task<string> GetLocalNodeAsync(CancellationToken cancellationToken = default)
    {
        if (_node is not null)
            return _node;
        await _nodeLock.WaitAsync(cancellationToken);
        try
        {
            return _node ??= await DiscoverLocalNodeAsync(cancellationToken);
        }
        finally
        {
            _nodeLock.Release();
        }
    }

    private async Task<string> DiscoverLocalNodeAsync(CancellationToken cancellationToken)
    {
        var nodes = PveshJson.Array(await PveshGetAsync("/nodes", [], cancellationToken), "/nodes");
        if (nodes.Count == 1)
            return PveshJson.Str(nodes[0], "node") ?? throw new HostException(HostErrorKind.InvalidRequest, "pvesh /nodes printed a node without a name");
        var status = PveshJson.Array(await PveshGetAsync("/cluster/status", [], cancellationToken), "/cluster/status");
        return status.Where(e => PveshJson.Str(e, "type") == "node" && PveshJson.Bool(e, "local")).Select(e => PveshJson.Str(e, "name")).FirstOrDefault()
            ?? throw new HostException(
                HostErrorKind.InvalidRequest,
                $"cannot tell which node {_runner.Description} is: /cluster/status marks none as local; name the node in the host settings"
            );
    }

    /// <summary>pct, pveam and vzdump act on the node they run on: refuse to act on another one quietly.</summary>
    private async Task EnsureLocalNodeAsync(string node, string what, CancellationToken cancellationToken)
    {
        var local = await GetLocalNodeAsync(cancellationToken);
        if (!string.Equals(node, local, StringComparison.Ordinal))
            throw new HostException(
                HostErrorKind.Unsupported,
                $"cannot {what} on node '{node}' through the shell of node '{local}' ({_runner.Description}): connect to '{node}' instead"
            );
    }

    private async Task<string> PveshGetAsync(string path, IEnumerable<string> options, CancellationToken cancellationToken) =>
        (await RunAsync(Cmd("pvesh", ["get", path, .. options, "--output-format", "json"]), null, cancellationToken)).StandardOutput;

    /// <summary>Runs a command and throws the mapped <see cref="HostException"/> unless it exits 0.</summary>
    private async Task<CommandOutput> RunAsync(CommandSpec command, int? vmid, CancellationToken cancellationToken)
    {
        var output = await _runner.RunAsync(command, cancellationToken);
        return output.Succeeded ? output : throw CliFailure.ToException(command, output, vmid);
    }

    private CommandSpec Cmd(string program, params IEnumerable<string> arguments) => new(program, [.. arguments]) { Timeout = _options.QueryTimeout };

    private CommandSpec TaskCmd(string program, params IEnumerable<string> arguments) => new(program, [.. arguments]) { Timeout = _options.TaskTimeout };

    private static string Id(int vmid) => vmid.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>--key value</c> for each option, in key order so commands read the same every time.</summary>
    private static IEnumerable<string> Flags(IReadOnlyDictionary<string, string> options) =>
        options.OrderBy(o => o.Key, StringComparer.Ordinal).SelectMany(o => new[] { "--" + o.Key, o.Value });
}
