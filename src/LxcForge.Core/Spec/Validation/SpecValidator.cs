using System.Text.RegularExpressions;
using LxcForge.Core.Spec.Addressing;

namespace LxcForge.Core.Spec.Validation;

/// <summary>
/// Checks a whole fleet spec and returns every problem (never only the first), each located through the
/// spec's <see cref="SpecSourceMap"/>. An empty list means the spec is safe to act on.
/// </summary>
public static partial class SpecValidator
{
    /// <summary>Proxmox's own CTID bounds (<c>pve-vmid</c>).</summary>
    public const int MinCtid = 100;

    public const int MaxCtid = 999_999_999;

    private static readonly string[] BackupModes = ["snapshot", "suspend", "stop"];
    private static readonly string[] Compressions = ["zstd", "gzip", "lzo", "none"];

    public static IReadOnlyList<SpecProblem> Validate(FleetSpec spec, SpecSourceMap? source = null)
    {
        var v = new Collector(source ?? SpecSourceMap.Defaults);
        CheckNetwork(v, spec.Network, out var subnet);
        CheckStorage(v, spec.Storage);
        CheckNames(v, spec.Nodes, "nodes", IsNodeName, "a Proxmox node name (letters, digits, hyphens)");
        CheckIds(v, spec.Ids);
        CheckScripts(v, spec.Scripts);
        CheckBackup(v, spec.Backup);
        CheckTemplates(v, spec);
        CheckServices(v, spec, subnet);
        return v.Problems;
    }

    private static void CheckNetwork(Collector v, NetworkSpec n, out Ipv4Subnet? subnet)
    {
        CheckBridge(v, n.Bridge, "network.bridge");
        CheckBridge(v, n.TemplateBridge, "network.template-bridge");
        subnet = null;
        if (!Ipv4Subnet.TryParse(n.Subnet, out var parsed, out var error))
            v.Add("network.subnet", error);
        else
            subnet = parsed;

        if (!Ipv4.TryParse(n.Gateway, out var gateway))
            v.Add("network.gateway", $"'{n.Gateway}' is not an IPv4 address");
        else if (subnet is not null && !subnet.Contains(gateway))
            v.Add("network.gateway", $"{n.Gateway} is outside the subnet {subnet}");
        else if (subnet is not null && (gateway == subnet.Network || gateway == subnet.Broadcast))
            v.Add("network.gateway", $"{n.Gateway} is the {(gateway == subnet.Network ? "network" : "broadcast")} address of {subnet}, not a host");

        for (var i = 0; i < n.DnsServers.Count; i++)
        {
            if (!Ipv4.TryParse(n.DnsServers[i], out _))
                v.Add($"network.dns[{i}]", $"'{n.DnsServers[i]}' is not an IPv4 address");
        }

        if (n.SearchDomain is { } domain && !IsDomain(domain))
            v.Add("network.search-domain", $"'{domain}' is not a DNS domain (labels of letters, digits and hyphens, separated by dots)");
    }

    private static void CheckBridge(Collector v, string bridge, string path)
    {
        if (!BridgeName().IsMatch(bridge))
            v.Add(path, $"'{bridge}' is not a bridge name (a Linux interface name: a letter, then up to 14 letters, digits, '.', '-' or '_'; e.g. vmbr2)");
    }

    private static void CheckStorage(Collector v, StorageSpec s)
    {
        foreach (var (key, value) in new[] { ("templates", s.Templates), ("services", s.Services), ("backups", s.Backups), ("os-templates", s.OsTemplates) })
        {
            if (!StorageId().IsMatch(value))
                v.Add($"storage.{key}", $"'{value}' is not a Proxmox storage id (a letter, then letters, digits, '-', '_' or '.'; e.g. local-lvm)");
        }
    }

    private static void CheckIds(Collector v, IdRanges ids)
    {
        foreach (var (key, range) in new[] { ("templates", ids.Templates), ("services", ids.Services) })
        {
            if (range.First > range.Last)
                v.Add($"ids.{key}", $"the range {range} is empty: its first CTID is above its last");
            else if (range.First < MinCtid || range.Last > MaxCtid)
                v.Add($"ids.{key}", $"the range {range} leaves the CTIDs Proxmox allows ({MinCtid}-{MaxCtid})");
        }

        if (ids.Templates.First <= ids.Services.Last && ids.Services.First <= ids.Templates.Last)
            v.Add("ids", $"the template range {ids.Templates} and the service range {ids.Services} overlap");
    }

    private static void CheckScripts(Collector v, ScriptsSpec s)
    {
        if (!Regex.IsMatch(s.Repository, "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"))
            v.Add("scripts.repository", $"'{s.Repository}' is not an OWNER/NAME repository (e.g. community-scripts/ProxmoxVE)");
        if (!Regex.IsMatch(s.Ref, "^[0-9a-f]{40}$"))
            v.Add("scripts.ref", $"'{s.Ref}' is not a 40-hex commit id; scripts are pinned to a commit so a template build is repeatable");
        if (string.IsNullOrWhiteSpace(s.LockFile))
            v.Add("scripts.lock-file", "must name a file");
        CheckScriptPaths(v, s);
    }

    private static void CheckBackup(Collector v, BackupSpec b)
    {
        if (b.Mode is { } mode && !BackupModes.Contains(mode))
            v.Add("backup.mode", $"'{mode}' is not a backup mode; use one of {string.Join(", ", BackupModes)}{Hint(mode, BackupModes)}");
        if (!Compressions.Contains(b.Compress))
            v.Add("backup.compress", $"'{b.Compress}' is not a compression; use one of {string.Join(", ", Compressions)}{Hint(b.Compress, Compressions)}");
        foreach (
            var (key, value) in new[]
            {
                ("keep-last", b.Retention.KeepLast),
                ("keep-daily", b.Retention.KeepDaily),
                ("keep-weekly", b.Retention.KeepWeekly),
                ("keep-monthly", b.Retention.KeepMonthly),
            }
        )
        {
            if (value < 0)
                v.Add($"backup.retention.{key}", $"must be 0 or more, got {value}");
        }
    }

    private static void CheckNames(Collector v, IReadOnlyList<string> names, string path, Func<string, bool> valid, string what)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!valid(names[i]))
                v.Add($"{path}[{i}]", $"'{names[i]}' is not {what}");
        }
    }

    private static string Hint(string word, IEnumerable<string> candidates) =>
        DidYouMean.Closest(word, candidates) is { } hint ? $" (did you mean '{hint}'?)" : "";

    /// <summary>RFC 1123 host label: 1–63 letters, digits and hyphens, not starting or ending with a hyphen.</summary>
    public static bool IsHostnameLabel(string text) => HostLabel().IsMatch(text);

    private static bool IsDomain(string text) => text.Length <= 253 && text.Split('.').All(IsHostnameLabel);

    private static bool IsNodeName(string text) => IsHostnameLabel(text);

    [GeneratedRegex("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex HostLabel();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,14}$")]
    private static partial Regex BridgeName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial Regex StorageId();

    /// <summary>Collects problems located through the source map; a prefixed view says whose problem it is ("replica 2: ").</summary>
    private sealed class Collector(SpecSourceMap source, List<SpecProblem>? problems = null, string prefix = "")
    {
        public List<SpecProblem> Problems { get; } = problems ?? [];

        public SpecSourceMap Source => source;

        public void Add(string path, string message) => Problems.Add(source.Problem(path, prefix + message));

        public Collector Prefixed(string more) => more.Length == 0 ? this : new Collector(source, Problems, prefix + more);
    }
}
