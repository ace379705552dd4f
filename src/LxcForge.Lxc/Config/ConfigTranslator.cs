using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Lxc.Config;

/// <summary>
/// Translates between Proxmox's container keys (what <see cref="IContainerHost"/> speaks) and an LXC config.
/// Keys LXC has an equivalent for live only in the LXC config (so edits made with plain LXC show up);
/// the rest (description, tags, cores, features, rootfs size, template flag…) live in the side file.
/// </summary>
public sealed class ConfigTranslator(HostFacts facts)
{
    private const long Mib = 1024 * 1024;

    /// <summary>Proxmox keys that are rebuilt from LXC keys and so never stored in the side file.</summary>
    private static readonly HashSet<string> FromLxcKeys = ["hostname", "arch", "unprivileged", "memory", "swap", "onboot"];

    /// <summary>The Proxmox view of a container: LXC keys translated, side-file keys on top, user lxc.* lines as raw keys.</summary>
    public ContainerConfig Read(LxcConfigFile lxc, ContainerConfig side)
    {
        var values = new Dictionary<string, string>(side.Values.Where(kv => !IsNetKey(kv.Key)));
        Put(values, "hostname", lxc["lxc.uts.name"]);
        Put(values, "arch", lxc["lxc.arch"] is { } arch ? (arch is "x86_64" ? "amd64" : arch) : null);
        values["unprivileged"] = lxc.All("lxc.idmap").Any() ? "1" : "0";
        var memory = MemoryLimit(lxc);
        Put(values, "memory", memory is { } m ? (m / Mib).ToString(CultureInfo.InvariantCulture) : null);
        Put(values, "swap", SwapLimit(lxc, memory) is { } s ? (s / Mib).ToString(CultureInfo.InvariantCulture) : null);
        Put(values, "onboot", lxc["lxc.start.auto"] is "1" ? "1" : null);
        foreach (var index in NetIndexes(lxc))
            values[$"net{index}"] = ReadNet(lxc, index, side[$"net{index}"]).ToString();
        if (!values.ContainsKey("rootfs") && lxc["lxc.rootfs.path"] is { } path)
            values["rootfs"] = path.StartsWith("dir:", StringComparison.Ordinal) ? path[4..] : path;
        foreach (var (key, value) in lxc.Entries.Where(e => !IsManaged(e.Key, e.Value)))
            values[key] = value;
        return new ContainerConfig(values);
    }

    /// <summary>
    /// The LXC config and side file for a Proxmox view. <paramref name="rootfsPath"/> is the rootfs directory;
    /// <paramref name="previous"/> supplies the user's own lxc lines to keep.
    /// </summary>
    public (LxcConfigFile Lxc, ContainerConfig Side) Write(int vmid, ContainerConfig config, string rootfsPath, LxcConfigFile? previous)
    {
        var lines = new List<KeyValuePair<string, string>>();
        void Add(string key, string value) => lines.Add(new(key, value));

        var ostype = config["ostype"] ?? "debian";
        Add("lxc.include", Include($"{ostype}.common.conf", "common.conf"));
        if (config.Unprivileged)
        {
            var map = facts.IdMap
                ?? throw new HostException(
                    HostErrorKind.Unsupported,
                    "unprivileged containers need a subordinate id range for root (add 'root:100000:65536' to /etc/subuid and /etc/subgid)"
                )
                {
                    Vmid = vmid,
                };
            Add("lxc.include", Include($"{ostype}.userns.conf", "userns.conf"));
            Add("lxc.idmap", $"u 0 {map.Start} {map.Count}");
            Add("lxc.idmap", $"g 0 {map.Start} {map.Count}");
        }

        var features = config.Features;
        if (features.Nesting)
            Add("lxc.include", Include("nesting.conf", "nesting.conf"));
        if (features.Fuse)
            Add("lxc.mount.entry", "/dev/fuse dev/fuse none bind,create=file,optional 0 0");

        Add("lxc.arch", config["arch"] ?? "amd64");
        Add("lxc.uts.name", config.Hostname ?? $"CT{vmid}");
        Add("lxc.rootfs.path", "dir:" + rootfsPath);
        AddMemory(config, Add);
        if (config.Cores is { } cores && cores > 0)
            Add(facts.CgroupV2Memory ? "lxc.cgroup2.cpuset.cpus" : "lxc.cgroup.cpuset.cpus", CpuSet(cores));
        if (config.OnBoot)
            Add("lxc.start.auto", "1");
        if (StartupOrder(config.Startup) is { } order)
            Add("lxc.start.order", order);

        var side = new Dictionary<string, string>();
        foreach (var (key, value) in config.Values)
        {
            if (key.StartsWith("lxc.", StringComparison.Ordinal) || FromLxcKeys.Contains(key) || key == "digest")
                continue;
            if (IsNetKey(key))
            {
                var index = int.Parse(key[3..], CultureInfo.InvariantCulture);
                var net = NetworkInterface.Parse(value);
                AddNet(index, net, Add);
                if (NetExtras(net) is { } extras)
                    side[key] = extras;
                continue;
            }

            side[key] = value;
        }

        var raw = config.Values.Where(kv => kv.Key.StartsWith("lxc.", StringComparison.Ordinal) && !IsManaged(kv.Key, kv.Value)).ToList();
        var keptFromFile = previous?.Entries.Where(e => !IsManaged(e.Key, e.Value) && !raw.Any(r => r.Key == e.Key)) ?? [];
        lines.AddRange(keptFromFile);
        lines.AddRange(raw);
        return (new LxcConfigFile(lines), new ContainerConfig(side));
    }

    /// <summary>Keys LxcForge writes itself; anything else in an LXC config is the user's and is kept.</summary>
    public bool IsManaged(string key, string value) =>
        key
            is "lxc.arch"
                or "lxc.uts.name"
                or "lxc.rootfs.path"
                or "lxc.idmap"
                or "lxc.start.auto"
                or "lxc.start.order"
                or "lxc.cgroup.memory.limit_in_bytes"
                or "lxc.cgroup.memory.memsw.limit_in_bytes"
                or "lxc.cgroup2.memory.max"
                or "lxc.cgroup2.memory.swap.max"
                or "lxc.cgroup.cpuset.cpus"
                or "lxc.cgroup2.cpuset.cpus"
        || key.StartsWith("lxc.net.", StringComparison.Ordinal)
        || (key == "lxc.include" && value.StartsWith(facts.LxcConfigDir + "/", StringComparison.Ordinal))
        || (key == "lxc.mount.entry" && value.StartsWith("/dev/fuse dev/fuse", StringComparison.Ordinal));

    private string Include(string preferred, string fallback) =>
        Path.Combine(facts.LxcConfigDir, File.Exists(Path.Combine(facts.LxcConfigDir, preferred)) ? preferred : fallback);

    private void AddMemory(ContainerConfig config, Action<string, string> add)
    {
        // No swap key means no swap limit (the key was deleted); memory is required.
        var memory = (long)(config.Memory ?? 512) * Mib;
        var swap = config.Swap is { } s ? s * Mib : (long?)null;
        if (facts.CgroupV2Memory)
        {
            add("lxc.cgroup2.memory.max", memory.ToString(CultureInfo.InvariantCulture));
            if (swap is { } v2Swap)
                add("lxc.cgroup2.memory.swap.max", v2Swap.ToString(CultureInfo.InvariantCulture));
            return;
        }

        add("lxc.cgroup.memory.limit_in_bytes", memory.ToString(CultureInfo.InvariantCulture));
        if (facts.HasSwapAccounting && swap is { } v1Swap)
            add("lxc.cgroup.memory.memsw.limit_in_bytes", (memory + v1Swap).ToString(CultureInfo.InvariantCulture));
    }

    private static long? MemoryLimit(LxcConfigFile lxc) => Long(lxc["lxc.cgroup2.memory.max"]) ?? Long(lxc["lxc.cgroup.memory.limit_in_bytes"]);

    private static long? SwapLimit(LxcConfigFile lxc, long? memory)
    {
        if (Long(lxc["lxc.cgroup2.memory.swap.max"]) is { } swap)
            return swap;
        return Long(lxc["lxc.cgroup.memory.memsw.limit_in_bytes"]) is { } memsw && memory is { } m ? memsw - m : null;
    }

    private string CpuSet(int cores)
    {
        var n = Math.Clamp(cores, 1, Math.Max(1, facts.HostCpus));
        return n == 1 ? "0" : $"0-{n - 1}";
    }

    private static string? StartupOrder(string? startup)
    {
        if (string.IsNullOrWhiteSpace(startup))
            return null;
        var order = startup.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("order=", StringComparison.Ordinal) || !p.Contains('='));
        var value = order?.Contains('=') == true ? order[(order.IndexOf('=') + 1)..] : order;
        return int.TryParse(value, CultureInfo.InvariantCulture, out _) ? value : null;
    }

    private static void AddNet(int index, NetworkInterface net, Action<string, string> add)
    {
        var p = $"lxc.net.{index}.";
        add(p + "type", "veth");
        if (net.Bridge is { } bridge)
            add(p + "link", bridge);
        add(p + "flags", "up");
        add(p + "name", net.Name);
        if (net.HardwareAddress is { } mac)
            add(p + "hwaddr", mac);
        if (net.Mtu is { } mtu)
            add(p + "mtu", mtu.ToString(CultureInfo.InvariantCulture));
        if (net.VlanTag is { } tag)
            add(p + "veth.vlan.id", tag.ToString(CultureInfo.InvariantCulture));
        if (net.Ip is { } ip && ip.Contains('/'))
        {
            add(p + "ipv4.address", ip);
            if (net.Gateway is { } gw)
                add(p + "ipv4.gateway", gw);
        }

        if (net.Ip6 is { } ip6 && ip6.Contains('/'))
        {
            add(p + "ipv6.address", ip6);
            if (net.Gateway6 is { } gw6)
                add(p + "ipv6.gateway", gw6);
        }
    }

    private static NetworkInterface ReadNet(LxcConfigFile lxc, int index, string? sideExtras)
    {
        var p = $"lxc.net.{index}.";
        var extras = sideExtras is null ? null : NetworkInterface.Parse(sideExtras);
        return new NetworkInterface(lxc[p + "name"] ?? extras?.Name ?? $"eth{index}")
        {
            Bridge = lxc[p + "link"],
            HardwareAddress = lxc[p + "hwaddr"],
            Ip = lxc[p + "ipv4.address"] ?? extras?.Ip,
            Gateway = lxc[p + "ipv4.gateway"],
            Ip6 = lxc[p + "ipv6.address"] ?? extras?.Ip6,
            Gateway6 = lxc[p + "ipv6.gateway"],
            Mtu = Long(lxc[p + "mtu"]) is { } mtu ? (int)mtu : null,
            VlanTag = Long(lxc[p + "veth.vlan.id"]) is { } tag ? (int)tag : null,
            Type = lxc[p + "type"],
            Firewall = extras?.Firewall,
            Other = extras?.Other ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>What of a netN has no LXC key: a non-static ip mode (dhcp, manual), firewall, rate…; null when nothing.</summary>
    private static string? NetExtras(NetworkInterface net)
    {
        var ip = net.Ip is { } v4 && !v4.Contains('/') ? v4 : null;
        var ip6 = net.Ip6 is { } v6 && !v6.Contains('/') ? v6 : null;
        if (ip is null && ip6 is null && net.Firewall is null && net.Other.Count == 0)
            return null;
        return new NetworkInterface(net.Name)
        {
            Ip = ip,
            Ip6 = ip6,
            Firewall = net.Firewall,
            Other = net.Other,
        }.ToString();
    }

    private static IEnumerable<int> NetIndexes(LxcConfigFile lxc) =>
        lxc
            .Entries.Select(e => e.Key)
            .Where(k => k.StartsWith("lxc.net.", StringComparison.Ordinal) && k.EndsWith(".type", StringComparison.Ordinal))
            .Select(k => k["lxc.net.".Length..^".type".Length])
            .Where(i => int.TryParse(i, CultureInfo.InvariantCulture, out _))
            .Select(i => int.Parse(i, CultureInfo.InvariantCulture))
            .Distinct()
            .Order();

    private static bool IsNetKey(string key) => key.Length > 3 && key.StartsWith("net", StringComparison.Ordinal) && key[3..].All(char.IsAsciiDigit);

    private static void Put(Dictionary<string, string> values, string key, string? value)
    {
        if (value is null)
            values.Remove(key);
        else
            values[key] = value;
    }

    private static long? Long(string? text) => long.TryParse(text, CultureInfo.InvariantCulture, out var v) ? v : null;
}
