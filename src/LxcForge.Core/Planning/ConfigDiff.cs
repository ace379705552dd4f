using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;

namespace LxcForge.Core.Planning;

/// <summary>
/// The configuration keys that differ between what the spec wants and what a container has. Used by the
/// planner (against an existing container or the template a clone copies) and by the executor right
/// after a clone (whose MAC Proxmox has just randomised).
/// </summary>
public static class ConfigDiff
{
    /// <summary>Keys Proxmox applies to a running container at once; others wait for the next start (pve-semantics §7).</summary>
    private static readonly HashSet<string> HotKeys = ["memory", "swap", "cores", "net0", "hostname", "onboot", "startup", "tags", "description"];

    public static IReadOnlyList<ConfigKeyChange> Compute(DesiredContainer desired, ContainerConfig current)
    {
        var changes = new List<ConfigKeyChange>();
        void Want(string key, string? value)
        {
            if (value is not null && current[key] != value)
                changes.Add(new ConfigKeyChange(key, current[key], value));
        }

        var s = desired.Service;
        Want("hostname", desired.Hostname);
        Want("memory", Int(s.Memory));
        Want("swap", Int(s.Swap));
        Want("cores", Int(s.Cores));
        var currentNet = current.Net(0);
        var net0 = desired.Net0(currentNet).ToString();
        if (currentNet?.ToString() != net0)
            changes.Add(new ConfigKeyChange("net0", current["net0"], net0));
        if (desired.DnsServers.Count > 0)
            Want("nameserver", string.Join(' ', desired.DnsServers));
        Want("searchdomain", desired.SearchDomain);
        var features = desired.Features(current.Features);
        if (features != current.Features)
            changes.Add(new ConfigKeyChange("features", current["features"], features.IsEmpty ? null : features.ToString()));
        if (current.OnBoot != s.OnBoot)
            changes.Add(new ConfigKeyChange("onboot", current["onboot"], s.OnBoot ? "1" : "0"));
        if (s.StartupOrder is { } order)
            Want("startup", $"order={order.ToString(CultureInfo.InvariantCulture)}");
        var tags = WantedTags(desired, current.Tags);
        if (tags.Except(current.Tags, StringComparer.Ordinal).Any())
            changes.Add(new ConfigKeyChange("tags", current["tags"], string.Join(';', tags)));

        return changes;
    }

    /// <summary>True when one of the changes only takes effect after a restart.</summary>
    public static bool NeedsRestart(IEnumerable<ConfigKeyChange> changes) => changes.Any(c => !HotKeys.Contains(c.Key));

    /// <summary>The container's tags plus LxcForge's own and the spec's, sorted (existing tags are kept).</summary>
    public static IReadOnlyList<string> WantedTags(DesiredContainer desired, IReadOnlyList<string> current) =>
        current.Concat([OwnershipMarker.Tag]).Concat(desired.Service.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The change set to send: keys to set, and keys to delete (a change to null).</summary>
    public static ConfigChange ToConfigChange(IEnumerable<ConfigKeyChange> changes, string? digest = null)
    {
        var list = changes.ToList();
        return new ConfigChange
        {
            Set = list.Where(c => c.New is not null).ToDictionary(c => c.Key, c => c.New!),
            Delete = list.Where(c => c.New is null).Select(c => c.Key).ToList(),
            Digest = digest,
        };
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
