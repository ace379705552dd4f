using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Api;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>Turns config values as sent into the canonical form Proxmox stores (property strings ordered, booleans 0/1).</summary>
internal static class ConfigValues
{
    private static readonly HashSet<string> BooleanKeys = new(StringComparer.Ordinal)
    {
        "onboot",
        "protection",
        "template",
        "unprivileged",
        "console",
        "debug",
    };

    private static readonly HashSet<string> PlainKeys = new(StringComparer.Ordinal)
    {
        "arch",
        "cmode",
        "console",
        "cores",
        "cpulimit",
        "cpuunits",
        "debug",
        "description",
        "entrypoint",
        "env",
        "features",
        "hookscript",
        "hostname",
        "lock",
        "memory",
        "nameserver",
        "onboot",
        "ostype",
        "protection",
        "rootfs",
        "searchdomain",
        "startup",
        "swap",
        "tags",
        "template",
        "timezone",
        "tty",
        "unprivileged",
    };

    /// <summary>Whether <paramref name="key"/> is a container config option (net0, mp3, unused1, dev0 included).</summary>
    public static bool IsConfigKey(string key) =>
        PlainKeys.Contains(key) || Indexed(key, "net") || Indexed(key, "mp") || Indexed(key, "unused") || Indexed(key, "dev");

    public static bool Indexed(string key, string prefix) =>
        key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length..].All(char.IsAsciiDigit);

    /// <summary>The stored form of <paramref name="value"/>; a netN without hwaddr gets a new random MAC.</summary>
    public static string Canonical(string key, string value)
    {
        try
        {
            if (Indexed(key, "net"))
            {
                var net = NetworkInterface.Parse(value);
                return (net with { Type = "veth", HardwareAddress = net.HardwareAddress?.ToUpperInvariant() ?? NewMac() }).ToString();
            }

            if (key == "rootfs")
                return VolumeSpec.Parse(value).ToString();
            if (Indexed(key, "mp"))
                return VolumeSpec.Parse(value, isMountPoint: true).ToString();
            if (PropertyFormat.ForConfigKey(key) is { } format)
                return PropertyString.Parse(value, format).ToString();
            if (BooleanKeys.Contains(key))
                return PropertyString.ParseBool(value) == true ? "1" : "0";
            if (key is "memory" or "swap" or "cores" or "cpuunits" or "tty" && !int.TryParse(value, out _))
                throw new FormatException($"type check ('integer') failed - got '{value}'");
            return value;
        }
        catch (FormatException ex)
        {
            throw Pve.Param(key, ex.Message);
        }
    }

    /// <summary>A MAC with Proxmox's default prefix BC:24:11.</summary>
    public static string NewMac()
    {
        Span<byte> b = stackalloc byte[3];
        Random.Shared.NextBytes(b);
        return $"BC:24:11:{b[0]:X2}:{b[1]:X2}:{b[2]:X2}";
    }

    /// <summary>Gives every netN a new random MAC (clone, restore --unique).</summary>
    public static void RenewMacs(IDictionary<string, string> config)
    {
        foreach (var key in config.Keys.Where(k => Indexed(k, "net")).ToList())
            config[key] = (NetworkInterface.Parse(config[key]) with { HardwareAddress = NewMac() }).ToString();
    }
}
