using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Checks;

public sealed partial class EnvironmentCheck
{
    /// <summary>The spec's CTIDs must be free or ours; a foreign container elsewhere in a range is only a warning.</summary>
    private void CheckCtids(IReadOnlyList<ContainerInfo> containers)
    {
        var wanted = spec
            .Templates.Select(t => (t.Ctid, $"template {t.Name}"))
            .Concat(ReplicaPlanner.Instances(spec).Select(i => (i.Ctid, $"service {i.Name}")))
            .ToList();
        foreach (var (range, label) in new[] { (spec.Ids.Templates, "template"), (spec.Ids.Services, "service") })
        {
            var inRange = containers.Where(c => range.Contains(c.Vmid)).ToList();
            var foreign = inRange.Where(c => !(c.IsTemplate ? OwnershipMarker.IsOwnedTemplate(c) : OwnershipMarker.IsOwned(c))).ToList();
            var clashes = foreign.Select(c => (c, wanted.FirstOrDefault(w => w.Ctid == c.Vmid).Item2)).Where(x => x.Item2 is not null).ToList();
            var name = $"{label} CTIDs {range}";
            if (clashes.Count > 0)
            {
                _results.Add(
                    CheckResult.Fail(
                        name,
                        string.Join(
                            "; ",
                            clashes.Select(x =>
                                $"CT {x.c.Vmid} ({x.c.Summary.Name}) is not LxcForge's but the spec wants {x.c.Vmid} for {x.Item2}: change the spec's ctid, or adopt it"
                            )
                        )
                    )
                );
            }
            else if (foreign.Count > 0)
            {
                _results.Add(
                    CheckResult.Warn(
                        name,
                        $"{inRange.Count - foreign.Count} ours, {foreign.Count} not ours (left alone): {string.Join(", ", foreign.Select(c => c.Vmid))}"
                    )
                );
            }
            else
            {
                _results.Add(CheckResult.Pass(name, inRange.Count == 0 ? "all free" : $"{inRange.Count} in use, all LxcForge's"));
            }
        }
    }

    /// <summary>No other container may already use one of the spec's addresses.</summary>
    private void CheckAddresses(IReadOnlyList<ContainerInfo> containers)
    {
        var instances = ReplicaPlanner.Instances(spec);
        var conflicts = new List<string>();
        foreach (var ct in containers)
        {
            foreach (var address in AddressesOf(ct.Config))
            {
                var user = instances.FirstOrDefault(i => i.Ip == address);
                // The container the spec gives this address to may hold it (a redeploy), as may its own template.
                if (user is not null && user.Ctid != ct.Vmid && !ct.IsTemplate)
                    conflicts.Add($"{address} (for {user.Name}) is used by CT {ct.Vmid} ({ct.Summary.Name})");
            }
        }

        _results.Add(
            conflicts.Count == 0
                ? CheckResult.Pass("addresses", $"the spec's {instances.Count} addresses are not used by other containers")
                : CheckResult.Fail("addresses", string.Join("; ", conflicts))
        );
    }

    private static IEnumerable<string> AddressesOf(ContainerConfig config) =>
        config
            .Values.Keys.Where(k => PropertyFormat.ForConfigKey(k) == PropertyFormat.Net)
            .Select(k => PropertyString.TryParse(config[k]!, PropertyFormat.Net, out var net) ? net!["ip"] : null)
            .OfType<string>()
            .Where(ip => ip.Contains('/'))
            .Select(ip => ip[..ip.IndexOf('/')]);

    /// <summary>
    /// keyctl and fuse (Docker, Home Assistant) can be set only by root@pam itself, never by an API token; a
    /// clone inherits them from its template, so an existing template that carries them is enough.
    /// </summary>
    private void CheckPrivileges(IReadOnlyList<ContainerInfo> containers)
    {
        if (!host.Capabilities.Exec)
        {
            _results.Add(
                CheckResult.Fail(
                    "exec",
                    "this host cannot run commands inside containers, which template builds and service configuration need: give --ssh root@HOST beside --host https://…"
                )
            );
        }

        var needing = spec.Services.Where(s => NeedsRootOnlyFeatures(s)).ToList();
        if (needing.Count == 0 || host.Capabilities.IsRootAtPam)
        {
            _results.Add(
                CheckResult.Pass(
                    "privileges",
                    needing.Count == 0 ? "the spec needs no root-only feature flags" : "logged in as root@pam: keyctl/fuse can be set"
                )
            );
            return;
        }

        var missing = needing
            .Where(s =>
            {
                var template = spec.FindTemplate(s.Template);
                var tpl = template is null ? null : containers.FirstOrDefault(c => c.Vmid == template.Ctid);
                var has = tpl?.Config.Features ?? ContainerFeatures.None;
                return (s.Features.Keyctl && !has.Keyctl) || (s.Features.Fuse && !has.Fuse);
            })
            .ToList();
        _results.Add(
            missing.Count == 0
                ? CheckResult.Pass(
                    "privileges",
                    $"{string.Join(", ", needing.Select(s => s.Name))} need keyctl/fuse, which their templates already carry (clones inherit them)"
                )
                : CheckResult.Fail(
                    "privileges",
                    $"{string.Join(", ", missing.Select(s => s.Name))} need keyctl/fuse, which only root@pam itself may set (API tokens never can, not even root@pam's own): build their templates over --ssh root@HOST, or log in as root@pam"
                )
        );
    }

    private static bool NeedsRootOnlyFeatures(ServiceSpec s) => s.Features.Keyctl || s.Features.Fuse;
}
