using LxcForge.Core.Spec.Addressing;

namespace LxcForge.Core.Spec.Replicas;

/// <summary>
/// Expands a service's replica plan into concrete instances. Without explicit lists, replica N gets
/// CTID <c>ctid-start + (N-1)·ctid-step</c> (default start: the service's CTID + 10) and address
/// <c>ip-start + (N-1)·ip-step</c> (default start: the service's address + 1) — the fleet design's
/// PostgreSQL 200 at .10 gets replicas 210, 211, 212 at .11, .12, .13.
/// </summary>
public static class ReplicaPlanner
{
    /// <summary>Default distance between a service's CTID and its first replica's.</summary>
    public const int DefaultCtidOffset = 10;

    /// <summary>Every instance of every service, primaries first in spec order, each followed by its replicas.</summary>
    public static IReadOnlyList<ServiceInstance> Instances(FleetSpec spec) => spec.Services.SelectMany(s => Plan(spec, s).Instances).ToList();

    /// <summary>The instances of one service; <paramref name="replicaCount"/> overrides the spec's count (for scaling).</summary>
    public static ReplicaPlan Plan(FleetSpec spec, ServiceSpec service, int? replicaCount = null)
    {
        var prefix = Ipv4Subnet.TryParse(spec.Network.Subnet, out var subnet, out _) ? subnet.PrefixLength : 24;
        var instances = new List<ServiceInstance>
        {
            new()
            {
                Service = service,
                Name = service.Name,
                Ordinal = 0,
                Ctid = service.Ctid,
                Ip = service.Ip,
                PrefixLength = prefix,
                Hostname = service.Hostname,
            },
        };
        var problems = new List<(string, string)>();
        var r = service.Replicas ?? new ReplicaSpec();
        var count = replicaCount ?? r.Count;
        if (count < 0)
        {
            problems.Add(("replicas.count", $"must be 0 or more, got {count}"));
            return new ReplicaPlan(instances, problems);
        }

        if (r.Ctids is not null && r.CtidStart is not null)
            problems.Add(("replicas.ctid-start", "give either replicas.ctids or replicas.ctid-start, not both"));
        if (r.Ips is not null && r.IpStart is not null)
            problems.Add(("replicas.ip-start", "give either replicas.ips or replicas.ip-start, not both"));

        for (var n = 1; n <= count; n++)
        {
            var ctid = NextCtid(spec, service, r, n, count, problems);
            var ip = NextIp(service, r, n, count, subnet, problems);
            if (ctid is null || ip is null)
                break;
            instances.Add(
                new ServiceInstance
                {
                    Service = service,
                    Name = $"{service.Name}-{n}",
                    Ordinal = n,
                    Ctid = ctid.Value,
                    Ip = ip,
                    PrefixLength = prefix,
                    Hostname = r.Hostname.Replace("{hostname}", service.Hostname).Replace("{name}", service.Name).Replace("{n}", n.ToString()),
                }
            );
        }

        return new ReplicaPlan(instances, problems);
    }

    private static int? NextCtid(FleetSpec spec, ServiceSpec service, ReplicaSpec r, int n, int count, List<(string, string)> problems)
    {
        if (r.Ctids is { } list)
        {
            if (n <= list.Count)
                return list[n - 1];
            problems.Add(("replicas.ctids", $"runs out of CTIDs: {Count(count, "replica")} planned but only {list.Count} listed"));
            return null;
        }

        if (r.CtidStep < 1)
        {
            problems.Add(("replicas.ctid-step", $"must be 1 or more, got {r.CtidStep}"));
            return null;
        }

        var ctid = (long)(r.CtidStart ?? service.Ctid + DefaultCtidOffset) + (long)(n - 1) * r.CtidStep;
        var range = spec.Ids.Services;
        if (ctid <= range.Last)
            return (int)ctid;
        problems.Add(
            (
                r.CtidStart is null ? "replicas" : "replicas.ctid-start",
                $"runs out of CTIDs: replica {n} would get {ctid}, past the end of the service range {range}"
            )
        );
        return null;
    }

    private static string? NextIp(ServiceSpec service, ReplicaSpec r, int n, int count, Ipv4Subnet subnet, List<(string, string)> problems)
    {
        if (r.Ips is { } list)
        {
            if (n <= list.Count)
                return list[n - 1];
            problems.Add(("replicas.ips", $"runs out of addresses: {Count(count, "replica")} planned but only {list.Count} listed"));
            return null;
        }

        if (r.IpStep < 1)
        {
            problems.Add(("replicas.ip-step", $"must be 1 or more, got {r.IpStep}"));
            return null;
        }

        var field = r.IpStart is null ? "replicas" : "replicas.ip-start";
        var startText = r.IpStart ?? service.Ip;
        if (!Ipv4.TryParse(startText, out var start))
        {
            // A bad primary address is reported on its own field; a bad ip-start here.
            if (r.IpStart is not null)
                problems.Add((field, $"'{startText}' is not an IPv4 address"));
            return null;
        }

        var address = (long)start + (r.IpStart is null ? 1 : 0) + (long)(n - 1) * r.IpStep;
        if (address < uint.MaxValue && subnet.Contains((uint)address) && address != subnet.Broadcast)
            return Ipv4.Format((uint)address);
        problems.Add(
            (
                field,
                $"runs out of addresses: replica {n} would need {(address <= uint.MaxValue ? Ipv4.Format((uint)address) : "an address")}, past the end of the subnet {subnet}"
            )
        );
        return null;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
