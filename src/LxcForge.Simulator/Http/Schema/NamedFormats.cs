using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LxcForge.Simulator.Http.Schema;

/// <summary>
/// The registered string formats the LXC endpoints use (<c>pve-vmid</c>, <c>pve-node</c>,
/// <c>pve-storage-id</c>, <c>dns-name</c>, <c>disk-size</c>…), with Proxmox's error texts.
/// A <c>-list</c> suffix checks every item of a comma/semicolon/space separated list; <c>-opt</c> allows empty.
/// Formats not modelled here are accepted (the engine still checks what it uses).
/// </summary>
internal static partial class NamedFormats
{
    private static readonly HashSet<string> ContentTypes = ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"];

    /// <summary>The error text (without the trailing newline), or null when <paramref name="value"/> is valid.</summary>
    public static string? Check(string format, string value)
    {
        if (format.EndsWith("-list", StringComparison.Ordinal))
        {
            var item = format[..^"-list".Length];
            foreach (var entry in SplitList(value))
            {
                if (CheckOne(item, entry) is { } error)
                    return error;
            }
            return null;
        }
        if (format.EndsWith("-opt", StringComparison.Ordinal))
            return value.Length == 0 ? null : CheckOne(format[..^"-opt".Length], value);
        return CheckOne(format, value);
    }

    private static string? CheckOne(string format, string value) =>
        format switch
        {
            "pve-vmid" => VmidRegex().IsMatch(value) ? null : "value does not look like a valid VM ID",
            "pve-node" => NodeRegex().IsMatch(value) ? null : "value does not look like a valid node name",
            "pve-storage-id" => IdRegex().IsMatch(value) ? null : $"storage ID '{value}' contains illegal characters",
            "pve-configid" => ConfigIdRegex().IsMatch(value) ? null : $"invalid configuration ID '{value}'",
            "pve-poolid" => PoolRegex().IsMatch(value) ? null : $"pool name '{value}' contains illegal characters",
            "pve-realm" => RealmRegex().IsMatch(value) ? null : "value does not look like a valid realm",
            "dns-name" => DnsNameRegex().IsMatch(value) ? null : "value does not look like a valid DNS name",
            "mac-addr" => MacRegex().IsMatch(value) ? null : "value does not look like a valid unicast MAC address",
            "ipv4" => IsIPv4(value) ? null : "value does not look like a valid IPv4 address",
            "ipv6" => IsIPv6(value) ? null : "value does not look like a valid IPv6 address",
            "ip" => IsIPv4(value) || IsIPv6(value) ? null : "value does not look like a valid IP address",
            "pve-ipv4-config" => value is "dhcp" or "manual" || IsCidr(value, AddressFamily.InterNetwork, 8, 32)
                ? null
                : "value does not look like a valid ipv4 network configuration",
            "pve-ipv6-config" => value is "auto" or "dhcp" or "manual" || IsCidr(value, AddressFamily.InterNetworkV6, 8, 128)
                ? null
                : "value does not look like a valid ipv6 network configuration",
            "lxc-ip-with-ll-iface" => IsIPv4(value) || IsIPv6(value.Split('%')[0]) ? null : $"unable to parse IP address '{value}'",
            "disk-size" => DiskSizeRegex().IsMatch(value) ? null : $"value does not look like a valid disk size: {value}",
            "pve-startup-order" => StartupOrderRegex().IsMatch(value) ? null : "unable to parse startup options",
            "pve-tag" => TagRegex().IsMatch(value) ? null : "invalid characters in tag",
            "pve-volume-id" => VolumeIdRegex().IsMatch(value) ? null : $"unable to parse volume ID '{value}'",
            "pve-lxc-mp-string" => IllegalPathRegex().IsMatch(value) ? $"{value} contains illegal character sequences" : null,
            "pve-storage-content" => ContentTypes.Contains(value) ? null : $"invalid content type '{value}'",
            "pve-task-status-type" => TaskStatusRegex().IsMatch(value) ? null : $"invalid status '{value}'",
            "storage-pair" => StoragePairRegex().IsMatch(value)
                ? null
                : $"entry '{value}' contains invalid ID - storage ID '{value}' contains illegal characters",
            _ => null,
        };

    // PVE::Tools::split_list: \0-separated when it contains \0, otherwise on commas, semicolons and whitespace.
    private static IEnumerable<string> SplitList(string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? value.Split('\0') : value.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsIPv4(string value) => IPv4Regex().IsMatch(value);

    private static bool IsIPv6(string value) =>
        value.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsCidr(string value, AddressFamily family, int minBits, int maxBits)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (
            slash < 0
            || !int.TryParse(value.AsSpan(slash + 1), out var bits)
            || bits < minBits
            || bits > maxBits
            || value[(slash + 1)..].Any(c => !char.IsAsciiDigit(c))
        )
            return false;
        var address = value[..slash];
        return family == AddressFamily.InterNetwork ? IsIPv4(address) : IsIPv6(address);
    }

    [GeneratedRegex(@"^[1-9][0-9]{2,8}$")]
    private static partial Regex VmidRegex();

    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)$")]
    private static partial Regex NodeRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]$", RegexOptions.IgnoreCase)]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]+$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigIdRegex();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]+$")]
    private static partial Regex PoolRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-_]+$")]
    private static partial Regex RealmRegex();

    [GeneratedRegex(@"^(([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)\.)*([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)$")]
    private static partial Regex DnsNameRegex();

    [GeneratedRegex(@"^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$", RegexOptions.IgnoreCase)]
    private static partial Regex MacRegex();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$")]
    private static partial Regex IPv4Regex();

    [GeneratedRegex(@"^(\d+(\.\d+)?)([KMGT])?$")]
    private static partial Regex DiskSizeRegex();

    [GeneratedRegex(@"^((order=)?\d+|up=\d+|down=\d+|\s*)(,((order=)?\d+|up=\d+|down=\d+|\s*))*$")]
    private static partial Regex StartupOrderRegex();

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex VolumeIdRegex();

    [GeneratedRegex(@"/\.\.?/|/\.\.?$|^\.\./")]
    private static partial Regex IllegalPathRegex();

    [GeneratedRegex(@"^(ok|error|warning|unknown)$", RegexOptions.IgnoreCase)]
    private static partial Regex TaskStatusRegex();

    [GeneratedRegex(@"^([a-z][a-z0-9\-_.]*[a-z0-9])(:[a-z][a-z0-9\-_.]*[a-z0-9])?$|^1$", RegexOptions.IgnoreCase)]
    private static partial Regex StoragePairRegex();
}
