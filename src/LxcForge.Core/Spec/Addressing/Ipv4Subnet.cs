using System.Globalization;

namespace LxcForge.Core.Spec.Addressing;

/// <summary>An IPv4 subnet such as <c>10.0.30.0/24</c>: membership, network and broadcast addresses, stepping.</summary>
public sealed record Ipv4Subnet(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public uint Broadcast => Network | ~Mask;

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Contains(string address) => Ipv4.TryParse(address, out var a) && Contains(a);

    public override string ToString() => $"{Ipv4.Format(Network)}/{PrefixLength}";

    /// <summary>Parses <c>A.B.C.D/N</c>; the error says what is wrong (e.g. host bits set, and the subnet meant).</summary>
    public static bool TryParse(string text, out Ipv4Subnet subnet, out string error)
    {
        subnet = new Ipv4Subnet(0, 0);
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            error = $"'{text}' is not a subnet in CIDR form (e.g. 10.0.30.0/24)";
            return false;
        }

        if (
            !Ipv4.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 1 or > 30
        )
        {
            error = $"'{text}' is not a subnet in CIDR form with a prefix of 1–30 (e.g. 10.0.30.0/24)";
            return false;
        }

        var candidate = new Ipv4Subnet(address, prefix);
        if ((address & candidate.Mask) != address)
        {
            var meant = candidate with { Network = address & candidate.Mask };
            error = $"'{text}' has host bits set; the subnet is {meant}";
            return false;
        }

        subnet = candidate;
        error = "";
        return true;
    }
}

/// <summary>IPv4 addresses as 32-bit numbers, so they can be compared and stepped.</summary>
public static class Ipv4
{
    /// <summary>
    /// Strict dotted quad only: no <c>10.1</c> shorthand, no IPv6, no prefix, and no leading zeros
    /// (other parsers read <c>010</c> as octal 8).
    /// </summary>
    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        var parts = text?.Split('.');
        if (parts is not { Length: 4 })
            return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
                return false;
            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255)
                return false;
            address = (address << 8) | (uint)octet;
        }

        return true;
    }

    public static string Format(uint address) => $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";
}
