using System.Security.Cryptography;

namespace LxcForge.Lxc.Config;

/// <summary>Random MAC addresses with Proxmox's default prefix <c>BC:24:11</c>.</summary>
public static class MacAddress
{
    public static string Random()
    {
        Span<byte> tail = stackalloc byte[3];
        RandomNumberGenerator.Fill(tail);
        return $"BC:24:11:{tail[0]:X2}:{tail[1]:X2}:{tail[2]:X2}";
    }
}
