using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Catalog.Services;

/// <summary>What a service's configuration may depend on: its own container and the rest of the fleet.</summary>
public sealed record ServiceContext(DesiredContainer Container, FleetSpec Fleet, IReadOnlyList<DesiredContainer> FleetContainers)
{
    public string Ip => Container.Ip;
    public string Hostname => Container.Hostname;
    public string Subnet => Fleet.Network.Subnet;

    /// <summary>A service setting from the spec, or <paramref name="fallback"/>.</summary>
    public string Setting(string key, string fallback) =>
        Container.Service.Settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : fallback;
}
