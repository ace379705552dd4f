using System.Globalization;
using System.Net;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Planning;

/// <summary>
/// Expands the spec into the containers it asks for: every service plus its replicas (seed: 210, 211,
/// 212 at .11, .12, .13), resolved against the fleet's network, storage and templates.
/// </summary>
public static class FleetInstances
{
    public static IReadOnlyList<DesiredContainer> Expand(FleetSpec fleet)
    {
        var prefix = PrefixLength(fleet.Network.Subnet);
        var result = new List<DesiredContainer>();
        foreach (var service in fleet.Services)
        {
            var template = fleet.FindTemplate(service.Template);
            var baseInstance = new DesiredContainer
            {
                Name = service.Name,
                Service = service,
                Ctid = service.Ctid,
                Hostname = service.Hostname,
                Ip = service.Ip,
                PrefixLength = prefix,
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
            result.Add(baseInstance);
            result.AddRange(Replicas(baseInstance, service.Replicas));
        }

        return result;
    }

    private static IEnumerable<DesiredContainer> Replicas(DesiredContainer first, ReplicaSpec? replicas)
    {
        if (replicas is null)
            yield break;
        for (var n = 1; n <= replicas.Count; n++)
        {
            var ctid = replicas.Ctids is { } ids && ids.Count >= n ? ids[n - 1]
                : (replicas.CtidStart ?? first.Ctid + 10) + (n - 1) * replicas.CtidStep;
            var ip = replicas.Ips is { } ips && ips.Count >= n ? ips[n - 1]
                : AddToAddress(replicas.IpStart ?? AddToAddress(first.Ip, 1), (n - 1) * replicas.IpStep);
            var hostname = replicas.Hostname
                .Replace("{hostname}", first.Hostname, StringComparison.Ordinal)
                .Replace("{name}", first.Name, StringComparison.Ordinal)
                .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            yield return first with { Name = $"{first.Name}-{n}", Ctid = ctid, Ip = ip, Hostname = hostname };
        }
    }

    internal static int PrefixLength(string subnet)
    {
        var slash = subnet.IndexOf('/');
        return slash > 0 && int.TryParse(subnet[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 24;
    }

    private static string AddToAddress(string ip, int delta)
    {
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) + (uint)delta;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }
}
