using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Lxc.Config;
using LxcForge.Lxc.Storage;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc;

/// <summary>
/// <see cref="IContainerHost"/> over the <c>lxc-*</c> tools on one Linux machine, as root. Containers are LXC
/// containers named by their numeric CTID; storages are directories; a template is a stopped container marked
/// <c>template: 1</c>; clones are full copies; backups are compressed tars of rootfs and config.
/// What LXC on directories cannot do (linked clones, snapshots, clusters) throws <see cref="HostErrorKind.Unsupported"/>.
/// </summary>
public sealed partial class LxcHost : IContainerHost
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly LxcHostOptions _options;
    private readonly HostLayout _layout;
    private readonly CommandRunner _run;
    private readonly ConfigTranslator _translator;
    private readonly TimeProvider _time;
    private readonly string _node;

    private LxcHost(LxcHostOptions options, HostLayout layout, HostFacts facts, TimeProvider time)
    {
        _options = options;
        _layout = layout;
        _run = new CommandRunner(options.CommandPrefix);
        _translator = new ConfigTranslator(facts);
        _time = time;
        _node = options.NodeName ?? Environment.MachineName;
        Facts = facts;
    }

    public string Description => $"lxc {_layout.LxcPath}";

    public HostCapabilities Capabilities { get; } =
        new()
        {
            LinkedClones = false,
            Snapshots = false,
            Clusters = false,
            OsTemplateDownload = ToolLocator.Exists("debootstrap"),
        };

    /// <summary>The machine facts the config translation uses (cgroup layout, id range).</summary>
    public HostFacts Facts { get; }

    public HostLayout Layout => _layout;

    /// <summary>Checks root and the lxc tools, resolves the container path and creates the storages.</summary>
    public static async Task<LxcHost> OpenAsync(LxcHostOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var missing = Preflight.Problems(needDebootstrap: false);
        if (missing.Count > 0)
            throw new HostException(HostErrorKind.Unsupported, "plain LXC is not usable here: " + string.Join("; ", missing));
        var lxcPath = options.LxcPath;
        if (lxcPath is null)
        {
            var result = await new CommandRunner().RunAsync(["lxc-config", "lxc.lxcpath"], ToolTimeout, cancellationToken, inNamespace: false);
            lxcPath = result.Succeeded && result.StandardOutput.Trim().Length > 0 ? result.StandardOutput.Trim() : "/var/lib/lxc";
        }

        var layout = new HostLayout(lxcPath, options.StorageRoot ?? Path.Combine(lxcPath, ".lxcforge", "storage"));
        Directory.CreateDirectory(layout.LxcPath);
        foreach (var storage in options.Storages)
        {
            if (!HostLayout.IsValidStorageId(storage))
                throw new HostException(HostErrorKind.InvalidRequest, $"'{storage}' is not a valid storage id");
            Directory.CreateDirectory(layout.StoragePath(storage));
        }

        var host = new LxcHost(options, layout, HostFacts.Detect(), time ?? TimeProvider.System);
        host.CleanStaging();
        return host;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var version = await _run.RunAsync(["lxc-start", "--version"], ToolTimeout, cancellationToken, inNamespace: false);
        return new HostInfo("lxc", version.StandardOutput.Trim(), null, [new NodeInfo(_node, true, Environment.ProcessorCount, MemoryBytes())]);
    }

    /// <summary>This machine (<c>/etc/machine-id</c>) and the LXC path: another path on it is another host.</summary>
    public async Task<string> GetIdentityAsync(CancellationToken cancellationToken = default)
    {
        string machineId;
        try
        {
            machineId = await File.ReadAllTextAsync("/etc/machine-id", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HostException(
                HostErrorKind.Unsupported,
                $"cannot read /etc/machine-id ({e.GetType().Name}), so this machine's LXC state cannot be told apart from another's"
            );
        }

        return HostIdentity.PlainLxc(machineId, _layout.LxcPath);
    }

    public Task<IReadOnlyList<StorageInfo>> GetStoragesAsync(string? node = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<StorageInfo> storages =
            node is not null && node != _node ? []
            : Directory.Exists(_layout.StorageRoot)
                ? Directory
                    .GetDirectories(_layout.StorageRoot)
                    .Select(Path.GetFileName)
                    .OfType<string>()
                    .Where(HostLayout.IsValidStorageId)
                    .Order(StringComparer.Ordinal)
                    .Select(DescribeStorage)
                    .ToList()
            : [];
        return Task.FromResult(storages);
    }

    public async Task<IReadOnlyList<BridgeInfo>> GetBridgesAsync(string node, CancellationToken cancellationToken = default)
    {
        RequireNode(node);
        var result = await _run.RunCheckedAsync(["ip", "-j", "addr", "show", "type", "bridge"], ToolTimeout, "listing bridges failed", cancellationToken);
        var bridges = new List<BridgeInfo>();
        if (JsonNode.Parse(result.StandardOutput.Trim() is { Length: > 0 } json ? json : "[]") is not JsonArray links)
            return bridges;
        foreach (var link in links.OfType<JsonObject>())
        {
            var name = (string?)link["ifname"];
            if (name is null)
                continue;
            var inet = (link["addr_info"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => (string?)a["family"] == "inet");
            var cidr = inet is null ? null : $"{(string?)inet["local"]}/{(int?)inet["prefixlen"]}";
            var up = (link["flags"] as JsonArray)?.Any(f => (string?)f == "UP") ?? false;
            bridges.Add(new BridgeInfo(name, _node, cidr, up));
        }

        return bridges;
    }

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken = default)
    {
        var running = await RunningAsync(cancellationToken);
        var list = new List<ContainerSummary>();
        foreach (var vmid in ContainerIds())
        {
            if (TryReadConfig(vmid) is { } config)
                list.Add(Summarize(vmid, config, running.Contains(vmid)));
        }

        return list;
    }

    public async Task<ContainerInfo?> GetContainerAsync(int vmid, CancellationToken cancellationToken = default)
    {
        if (TryReadConfig(vmid) is not { } config)
            return null;
        var running = await IsRunningAsync(vmid, cancellationToken);
        return new ContainerInfo(Summarize(vmid, config, running), config);
    }

    private ContainerSummary Summarize(int vmid, ContainerConfig config, bool running) =>
        new(
            vmid,
            _node,
            (config.Hostname ?? $"CT{vmid}").Replace(" ", "", StringComparison.Ordinal),
            running ? ContainerStatus.Running : ContainerStatus.Stopped,
            config.IsTemplate,
            config.Lock,
            config.Tags
        );

    private IEnumerable<int> ContainerIds() =>
        Directory
            .GetDirectories(_layout.LxcPath)
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id > 0 && File.Exists(_layout.ConfigPath(id)))
            .Order();

    /// <summary>The Proxmox view of a container's config, with a digest; null when the CTID is not in use.</summary>
    internal ContainerConfig? TryReadConfig(int vmid)
    {
        var path = _layout.ConfigPath(vmid);
        if (!File.Exists(path))
            return null;
        var side = File.Exists(_layout.SidePath(vmid)) ? ContainerConfig.ParsePctText(File.ReadAllText(_layout.SidePath(vmid))) : ContainerConfig.Empty;
        var config = _translator.Read(LxcConfigFile.Load(path), side);
        return config.With("digest", Digest(config));
    }

    private ContainerConfig ReadConfig(int vmid) => TryReadConfig(vmid) ?? throw NotFound(vmid);

    /// <summary>Writes both files of a container directory (LXC config and side file) from the Proxmox view.</summary>
    private void WriteConfig(string containerDir, int vmid, ContainerConfig config)
    {
        var lxcPath = Path.Combine(containerDir, "config");
        var previous = File.Exists(lxcPath) ? LxcConfigFile.Load(lxcPath) : null;
        var rootfs = config.RootFs ?? throw new HostException(HostErrorKind.InvalidRequest, $"CT {vmid} has no rootfs") { Vmid = vmid };
        var (lxc, side) = _translator.Write(vmid, config.With("digest", null), _layout.ResolveVolume(rootfs.Volume), previous);
        FileWrites.WriteAtomically(Path.Combine(containerDir, "lxcforge.conf"), side.ToPctText());
        FileWrites.WriteAtomically(lxcPath, "# Written by LxcForge; Proxmox-only keys are in lxcforge.conf.\n" + lxc);
    }

    private static string Digest(ContainerConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.With("digest", null).ToPctText())))[..40];

    private async Task<HashSet<int>> RunningAsync(CancellationToken cancellationToken)
    {
        var result = await _run.RunCheckedAsync(["lxc-ls", "-P", _layout.LxcPath, "--running", "-1"], ToolTimeout, "lxc-ls failed", cancellationToken);
        return result
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id > 0)
            .ToHashSet();
    }

    private async Task<bool> IsRunningAsync(int vmid, CancellationToken cancellationToken)
    {
        var result = await _run.RunAsync(["lxc-info", "-P", _layout.LxcPath, "-n", Id(vmid), "-s", "-H"], ToolTimeout, cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim() is "RUNNING" or "FROZEN" or "STARTING";
    }

    private StorageInfo DescribeStorage(string id)
    {
        var drive = new DriveInfo(_layout.StoragePath(id));
        return new StorageInfo(
            id,
            _node,
            "dir",
            new HashSet<string> { "rootdir", "images", "vztmpl", "backup" },
            Shared: false,
            Active: true,
            Enabled: true,
            drive.TotalSize,
            drive.TotalSize - drive.AvailableFreeSpace
        );
    }

    private void RequireNode(string? node)
    {
        if (node is not null && node != _node && node != "localhost")
            throw new HostException(HostErrorKind.NotFound, $"no such cluster node '{node}' (this LXC host is '{_node}')");
    }

    /// <summary>Removes what a killed run left half-built: nothing there is a container yet.</summary>
    private void CleanStaging()
    {
        if (!Directory.Exists(_layout.StagingDir))
            return;
        foreach (var dir in Directory.GetDirectories(_layout.StagingDir))
        {
            var pid = Path.GetFileName(dir).Split('-').Skip(1).FirstOrDefault();
            if (pid is not null && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) && ProcessAlive(p))
                continue;
            RemoveTree(dir);
        }
    }

    private string NewStagingDir(int vmid)
    {
        var dir = Path.Combine(_layout.StagingDir, $"{vmid}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static bool ProcessAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void RemoveTree(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
            return;
        var psi = new System.Diagnostics.ProcessStartInfo("rm") { UseShellExecute = false };
        foreach (var arg in new[] { "-rf", "--one-file-system", "--", path })
            psi.ArgumentList.Add(arg);
        using var rm = System.Diagnostics.Process.Start(psi)!;
        rm.WaitForExit();
    }

    private static long MemoryBytes()
    {
        var line = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kb, CultureInfo.InvariantCulture, out var k) ? k * 1024 : 0;
    }

    private static string Id(int vmid) => vmid.ToString(CultureInfo.InvariantCulture);

    private HostException NotFound(int vmid) =>
        new(HostErrorKind.NotFound, $"CT {vmid} does not exist on node '{_node}' (no {_layout.ConfigPath(vmid)})") { Vmid = vmid };

    private static HostException Invalid(int vmid, string message) => new(HostErrorKind.InvalidRequest, message) { Vmid = vmid };
}
