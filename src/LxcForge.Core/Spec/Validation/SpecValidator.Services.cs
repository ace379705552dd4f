using System.Text.RegularExpressions;
using LxcForge.Core.Spec.Addressing;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Spec.Validation;

public static partial class SpecValidator
{
    private static void CheckServices(Collector v, FleetSpec spec, Ipv4Subnet? subnet)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var ctids = spec
            .Templates.Select((t, i) => (t.Ctid, Owner: $"template '{t.Name}' (templates[{i}])"))
            .GroupBy(x => x.Ctid)
            .ToDictionary(g => g.Key, g => g.First().Owner);
        foreach (var group in spec.Templates.Select((t, i) => (t, i)).GroupBy(x => x.t.Ctid).Where(g => g.Count() > 1))
        {
            foreach (var (t, i) in group.Skip(1))
                v.Add($"templates[{i}].ctid", $"CTID {t.Ctid} is already used by {ctids[t.Ctid]}");
        }

        var claims = new Claims(ctids);
        if (Ipv4.TryParse(spec.Network.Gateway, out var gateway))
            claims.Ips[gateway] = "the gateway (network.gateway)";

        for (var i = 0; i < spec.Services.Count; i++)
        {
            var s = spec.Services[i];
            var path = $"services[{i}]";
            CheckName(v, names, s.Name, i, "services", "service");
            if (spec.FindTemplate(s.Template) is null)
            {
                var known = spec.Templates.Select(t => t.Name).ToList();
                // A file that lists templates but not services keeps the built-in services: say so, or the error puzzles.
                var inherited =
                    v.Source.Contains("templates") && !v.Source.Contains("services")
                        ? " (the file lists templates but no services, so the built-in services apply; list the services you want too)"
                        : "";
                v.Add(
                    $"{path}.template",
                    $"template '{s.Template}' does not exist{Hint(s.Template, known)}; templates in this spec: {(known.Count == 0 ? "none" : string.Join(", ", known))}{inherited}"
                );
            }

            CheckNode(v, spec, s.Node, $"{path}.node");
            CheckPositive(v, s.Cores, $"{path}.cores", "cores");
            CheckPositive(v, s.Memory, $"{path}.memory", "memory (MiB)");
            if (s.Swap < 0)
                v.Add($"{path}.swap", $"swap must be 0 or more, got {s.Swap}");
            CheckDisk(v, s.Disk, $"{path}.disk");
            if (s.Features.Keyctl && !s.Unprivileged)
                v.Add($"{path}.features", "keyctl is only available to unprivileged containers (set unprivileged: true or drop keyctl)");
            if (s.StartupOrder < 0)
                v.Add($"{path}.startup-order", $"must be 0 or more, got {s.StartupOrder}");
            for (var k = 0; k < s.Tags.Count; k++)
            {
                if (!ProxmoxTag().IsMatch(s.Tags[k]))
                    v.Add($"{path}.tags[{k}]", $"'{s.Tags[k]}' is not a Proxmox tag (letters, digits, '_', '-', '+', '.'; not starting with '-', '+' or '.')");
            }

            CheckSettings(v, spec, s, path);
            if (s.Custom is { } custom)
            {
                for (var k = 0; k < custom.Ports.Count; k++)
                {
                    if (custom.Ports[k] is < 1 or > 65535)
                        v.Add($"{path}.custom.ports[{k}]", $"{custom.Ports[k]} is not a TCP port (1-65535)");
                }
            }

            CheckInstances(v, spec, s, path, subnet, claims, names);
        }
    }

    /// <summary>The primary and every replica: CTIDs, addresses and hostnames, and no clashes with anything before them.</summary>
    private static void CheckInstances(
        Collector v,
        FleetSpec spec,
        ServiceSpec s,
        string path,
        Ipv4Subnet? subnet,
        Claims claims,
        Dictionary<string, int> names
    )
    {
        var plan = ReplicaPlanner.Plan(spec, s);
        foreach (var (field, message) in plan.Problems)
            v.Add($"{path}.{field}", message);

        foreach (var instance in plan.Instances)
        {
            var n = instance.Ordinal;
            var owner = n == 0 ? $"service '{s.Name}' ({path})" : $"replica {n} of service '{s.Name}' ({path})";
            var ctidPath =
                n == 0 ? $"{path}.ctid"
                : s.Replicas?.Ctids is null ? $"{path}.replicas"
                : $"{path}.replicas.ctids[{n - 1}]";
            var ipPath =
                n == 0 ? $"{path}.ip"
                : s.Replicas?.Ips is null ? $"{path}.replicas"
                : $"{path}.replicas.ips[{n - 1}]";
            var hostPath = n == 0 ? $"{path}.hostname" : $"{path}.replicas.hostname";
            var subject = n == 0 ? "" : $"replica {n}: ";

            if (instance.Ctid is < MinCtid or > MaxCtid || !spec.Ids.Services.Contains(instance.Ctid))
                CheckCtid(v.Prefixed(subject), instance.Ctid, ctidPath, spec.Ids.Services, "service");
            else if (!claims.Ctids.TryAdd(instance.Ctid, owner))
                v.Add(ctidPath, $"{subject}CTID {instance.Ctid} is already used by {claims.Ctids[instance.Ctid]}");

            CheckAddress(v, instance.Ip, ipPath, subject, owner, subnet, claims.Ips);
            if (!IsHostnameLabel(instance.Hostname))
                CheckHostname(v.Prefixed(subject), instance.Hostname, hostPath);
            else if (!claims.Hostnames.TryAdd(instance.Hostname, owner))
                v.Add(hostPath, $"{subject}hostname '{instance.Hostname}' is already used by {claims.Hostnames[instance.Hostname]}");
            if (n > 0 && names.TryGetValue(instance.Name, out var other))
                v.Add($"{path}.replicas", $"{subject}its name '{instance.Name}' is already the name of services[{other}]");
        }
    }

    private static void CheckAddress(Collector v, string ip, string path, string subject, string owner, Ipv4Subnet? subnet, Dictionary<uint, string> ips)
    {
        if (!Ipv4.TryParse(ip, out var address))
        {
            var hint = ip.Contains('/') ? " (give the address without a prefix; the prefix comes from network.subnet)" : "";
            v.Add(path, $"{subject}'{ip}' is not an IPv4 address{hint}");
            return;
        }

        if (subnet is not null && !subnet.Contains(address))
            v.Add(path, $"{subject}{ip} is outside the subnet {subnet}");
        else if (subnet is not null && address == subnet.Network)
            v.Add(path, $"{subject}{ip} is the network address of {subnet}, not a host");
        else if (subnet is not null && address == subnet.Broadcast)
            v.Add(path, $"{subject}{ip} is the broadcast address of {subnet}, not a host");
        else if (!ips.TryAdd(address, owner))
            v.Add(path, $"{subject}{ip} is already used by {ips[address]}");
    }

    /// <summary>What the services claimed so far, each with who claimed it (for "already used by …").</summary>
    private sealed class Claims(Dictionary<int, string> ctids)
    {
        public Dictionary<int, string> Ctids { get; } = ctids;

        public Dictionary<uint, string> Ips { get; } = [];

        /// <summary>Hostnames are names in DNS: case does not tell them apart.</summary>
        public Dictionary<string, string> Hostnames { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_+.-]*$")]
    private static partial Regex ProxmoxTag();
}
