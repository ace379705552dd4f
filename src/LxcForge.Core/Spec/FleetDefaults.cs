using LxcForge.Core.Catalog;

namespace LxcForge.Core.Spec;

/// <summary>The default fleet: one template (900–) on local-hdd and one service (200–) on local-lvm per built-in service, as the fleet design places them (docs/fleet-design.md#layout).</summary>
public static class FleetDefaults
{
    public static FleetSpec Seed { get; } = Build();

    private static FleetSpec Build() =>
        new()
        {
            Templates = ServiceRegistry
                .All.Select(s => s.Definition)
                .Select(d => new TemplateSpec
                {
                    Name = d.Key,
                    Ctid = d.TemplateCtid,
                    Hostname = $"{d.Key}-template",
                    Cores = d.Cores,
                    Memory = d.MemoryMb,
                    Disk = $"{d.DiskGb}G",
                })
                .ToList(),
            Services = ServiceRegistry
                .All.Select(s => s.Definition)
                .Select(d => new ServiceSpec
                {
                    Name = d.Key,
                    Template = d.Key,
                    Ctid = d.ServiceCtid,
                    Hostname = d.ServiceHostname,
                    Ip = d.ServiceIp,
                    Cores = d.Cores,
                    Memory = d.MemoryMb,
                    Swap = 512,
                    Disk = $"{d.DiskGb}G",
                    Features = new FeatureSpec { Nesting = d.NeedsNesting, Keyctl = d.NeedsKeyctl },
                })
                .ToList(),
        };
}
