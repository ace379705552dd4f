using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Planning;

/// <summary>Builds observed host states for planner specs: templates, owned and foreign containers.</summary>
internal static class ObservedFixtures
{
    public static ContainerInfo Template(int vmid, string name) =>
        Info(
            vmid,
            $"{name}-template",
            ContainerStatus.Stopped,
            new Dictionary<string, string>
            {
                ["hostname"] = $"{name}-template",
                ["memory"] = "512",
                ["swap"] = "512",
                ["cores"] = "1",
                ["template"] = "1",
                ["unprivileged"] = "1",
                ["net0"] = "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth",
                ["rootfs"] = $"local-hdd:{vmid}/base-{vmid}-disk-0.raw,size=4G",
                ["tags"] = "community-script",
            },
            isTemplate: true
        );

    /// <summary>A container exactly as deploy leaves it for <paramref name="d"/>.</summary>
    public static ContainerInfo Converged(DesiredContainer d, string mac = "BC:24:11:AA:BB:CC")
    {
        var values = new Dictionary<string, string>
        {
            ["hostname"] = d.Hostname,
            ["memory"] = d.Service.Memory.ToString(),
            ["swap"] = d.Service.Swap.ToString(),
            ["cores"] = d.Service.Cores.ToString(),
            ["net0"] = d.Net0(new NetworkInterface("eth0") { HardwareAddress = mac }).ToString(),
            ["nameserver"] = string.Join(' ', d.DnsServers),
            ["onboot"] = d.Service.OnBoot ? "1" : "0",
            ["unprivileged"] = "1",
            ["rootfs"] = $"local-lvm:vm-{d.Ctid}-disk-0,size={d.Service.Disk}",
            ["tags"] = string.Join(';', ConfigDiff.WantedTags(d, ["community-script"])),
            ["description"] = OwnedDescription.For(d, "00000000000000" + d.Ctid.ToString("x2")),
        };
        var features = d.Features(ContainerFeatures.None);
        if (!features.IsEmpty)
            values["features"] = features.ToString();
        return Info(d.Ctid, d.Hostname, ContainerStatus.Running, values);
    }

    public static ContainerInfo Info(
        int vmid,
        string name,
        ContainerStatus status,
        IReadOnlyDictionary<string, string> config,
        bool isTemplate = false,
        string? lockValue = null
    ) =>
        new(
            new ContainerSummary(vmid, "pve", name, status, isTemplate, lockValue, ContainerConfig.ParseTags(config.GetValueOrDefault("tags"))),
            new ContainerConfig(config)
        );

    /// <summary>The fleet's templates present, nothing else.</summary>
    public static ObservedState TemplatesOnly(FleetSpec fleet) => Observe(fleet.Templates.Select(t => Template(t.Ctid, t.Name)));

    /// <summary>The default fleet fully deployed and configured.</summary>
    public static ObservedState ConvergedFleet(FleetSpec fleet)
    {
        var desired = FleetInstances.Expand(fleet);
        var state = Observe(fleet.Templates.Select(t => Template(t.Ctid, t.Name)).Concat(desired.Select(d => Converged(d))));
        return state with { Configured = Fingerprints(fleet, desired) };
    }

    public static Dictionary<int, string> Fingerprints(FleetSpec fleet, IReadOnlyList<DesiredContainer> desired) =>
        desired.ToDictionary(d => d.Ctid, d => ServiceRegistry.For(d)!.Fingerprint(new ServiceContext(d, fleet, desired)));

    public static ObservedState Observe(IEnumerable<ContainerInfo> infos)
    {
        var list = infos.ToList();
        return new ObservedState { Containers = list.Select(i => i.Summary).ToList(), Details = list.ToDictionary(i => i.Vmid) };
    }

    public static ObservedState Replace(this ObservedState state, ContainerInfo info) =>
        state with
        {
            Containers = state.Containers.Where(c => c.Vmid != info.Vmid).Append(info.Summary).ToList(),
            Details = state.Details.Where(kv => kv.Key != info.Vmid).Append(new(info.Vmid, info)).ToDictionary(),
        };
}
