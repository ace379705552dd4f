namespace LxcForge.Core.Hosting;

/// <summary>A typed view of <c>netN</c>: <c>name=eth0,bridge=vmbr2,gw=10.0.30.1,hwaddr=…,ip=10.0.30.10/24,type=veth</c>.</summary>
public sealed record NetworkInterface(string Name)
{
    public string? Bridge { get; init; }
    public string? Ip { get; init; }
    public string? Gateway { get; init; }
    public string? Ip6 { get; init; }
    public string? Gateway6 { get; init; }
    public string? HardwareAddress { get; init; }
    public int? Mtu { get; init; }
    public int? VlanTag { get; init; }
    public bool? Firewall { get; init; }
    public string? Type { get; init; }

    /// <summary>Keys this record does not model (rate, trunks, link_down…), kept so a round trip loses nothing.</summary>
    public IReadOnlyDictionary<string, string> Other { get; init; } = new Dictionary<string, string>();

    public static NetworkInterface Parse(string text)
    {
        var p = PropertyString.Parse(text, PropertyFormat.Net);
        var modelled = new HashSet<string> { "name", "bridge", "ip", "gw", "ip6", "gw6", "hwaddr", "mtu", "tag", "firewall", "type" };
        return new NetworkInterface(p["name"]!)
        {
            Bridge = p["bridge"],
            Ip = p["ip"],
            Gateway = p["gw"],
            Ip6 = p["ip6"],
            Gateway6 = p["gw6"],
            HardwareAddress = p["hwaddr"],
            Mtu = p["mtu"] is { } mtu ? int.Parse(mtu, System.Globalization.CultureInfo.InvariantCulture) : null,
            VlanTag = p["tag"] is { } tag ? int.Parse(tag, System.Globalization.CultureInfo.InvariantCulture) : null,
            Firewall = PropertyString.ParseBool(p["firewall"]),
            Type = p["type"],
            Other = p.Values.Where(kv => !modelled.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }

    public PropertyString ToPropertyString()
    {
        var p = PropertyString
            .Empty(PropertyFormat.Net)
            .With("name", Name)
            .With("bridge", Bridge)
            .With("ip", Ip)
            .With("gw", Gateway)
            .With("ip6", Ip6)
            .With("gw6", Gateway6)
            .With("hwaddr", HardwareAddress)
            .With("mtu", Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("tag", VlanTag?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With(
                "firewall",
                Firewall is null ? null
                    : Firewall.Value ? "1"
                    : "0"
            )
            .With("type", Type);
        foreach (var (k, v) in Other)
            p = p.With(k, v);
        return p;
    }

    /// <summary>The canonical string Proxmox stores.</summary>
    public override string ToString() => ToPropertyString().ToString();

    /// <summary>The IPv4 address without its prefix length, when static.</summary>
    public string? Address => Ip is { } ip && ip.Contains('/') ? ip[..ip.IndexOf('/')] : null;
}
