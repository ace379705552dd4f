namespace LxcForge.Core.Hosting;

/// <summary>
/// The forms a host's identity takes (<see cref="IContainerHost.GetIdentityAsync"/>). A Proxmox cluster (a standalone
/// node too) is named by the SHA-256 fingerprint of its root CA, <c>/etc/pve/pve-root-ca.pem</c>: made once per cluster,
/// shared by its nodes, and readable through the API and the node's shell alike. Plain LXC is named by the machine's
/// <c>/etc/machine-id</c> and the LXC path it keeps containers in.
/// </summary>
public static class HostIdentity
{
    public const string ProxmoxPrefix = "pve-root-ca:";

    public const string LxcPrefix = "lxc:";

    /// <summary><c>pve-root-ca:AB:CD:…</c> (upper-case hex pairs, however the host spelt them).</summary>
    public static string ProxmoxCluster(string rootCaFingerprint)
    {
        var hex = rootCaFingerprint.Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            throw new HostException(HostErrorKind.Unsupported, $"the host's root CA fingerprint '{rootCaFingerprint}' is not a SHA-256 fingerprint");
        return ProxmoxPrefix + string.Join(':', Enumerable.Range(0, 32).Select(i => hex.Substring(i * 2, 2).ToUpperInvariant()));
    }

    /// <summary><c>lxc:MACHINE-ID:/var/lib/lxc</c>.</summary>
    public static string PlainLxc(string machineId, string lxcPath)
    {
        var id = machineId.Trim();
        if (id.Length == 0)
            throw new HostException(HostErrorKind.Unsupported, "this machine has no /etc/machine-id, so its LXC state cannot be told apart from another's");
        return $"{LxcPrefix}{id}:{Path.GetFullPath(lxcPath).TrimEnd('/')}";
    }
}
