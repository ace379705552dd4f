using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Planning;

/// <summary>
/// Expands the spec into the containers it asks for: every service plus its replicas (Spec's
/// <see cref="ReplicaPlanner"/>), resolved against the fleet's network, storage and templates.
/// </summary>
public static class FleetInstances
{
    public static IReadOnlyList<DesiredContainer> Expand(FleetSpec fleet) =>
        ReplicaPlanner.Instances(fleet).Select(instance => Resolve(fleet, instance)).ToList();

    private static DesiredContainer Resolve(FleetSpec fleet, ServiceInstance instance)
    {
        var service = instance.Service;
        var template = fleet.FindTemplate(service.Template);
        return new DesiredContainer
        {
            Name = instance.Name,
            Service = service,
            Ctid = instance.Ctid,
            Hostname = instance.Hostname,
            Ip = instance.Ip,
            PrefixLength = instance.PrefixLength,
            Gateway = fleet.Network.Gateway,
            Bridge = fleet.Network.Bridge,
            Storage = fleet.Storage.Services,
            TemplateName = service.Template,
            TemplateCtid = template?.Ctid ?? 0,
            CatalogKey = service.Custom is null ? template?.ServiceKey ?? service.Template : null,
            Node = service.Node ?? template?.Node,
            DnsServers = fleet.Network.DnsServers,
            SearchDomain = fleet.Network.SearchDomain,
            DiskBytes = DiskSize.TryParse(service.Disk, out var relative, out var bytes) && !relative ? bytes : 0,
        };
    }
}
