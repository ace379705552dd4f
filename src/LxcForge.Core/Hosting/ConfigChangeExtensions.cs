namespace LxcForge.Core.Hosting;

/// <summary>Adjustments every backend makes to a <see cref="ConfigChange"/> before sending it.</summary>
public static class ConfigChangeExtensions
{
    /// <summary>
    /// Proxmox gives a <c>netN</c> set without <c>hwaddr</c> a new random MAC (docs/proxmox-behaviour.md#mac-addresses), which breaks
    /// DHCP reservations and ARP caches: copy the current MAC into such values so only what was asked changes.
    /// </summary>
    public static ConfigChange KeepingMacAddresses(this ConfigChange change, ContainerConfig current)
    {
        var set = new Dictionary<string, string>(change.Set);
        foreach (var (key, value) in change.Set)
        {
            if (PropertyFormat.ForConfigKey(key) != PropertyFormat.Net || current[key] is not { } old)
                continue;
            var wanted = NetworkInterface.Parse(value);
            if (wanted.HardwareAddress is null && NetworkInterface.Parse(old).HardwareAddress is { } mac)
                set[key] = (wanted with { HardwareAddress = mac }).ToString();
        }

        return change with
        {
            Set = set,
        };
    }

    /// <summary>True when the change sets a <c>netN</c> key (so the current config is needed to keep MACs).</summary>
    public static bool SetsNetwork(this ConfigChange change) => change.Set.Keys.Any(k => PropertyFormat.ForConfigKey(k) == PropertyFormat.Net);
}
