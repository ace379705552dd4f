using LxcForge.Core.Catalog;

namespace LxcForge.Core.Spec;

/// <summary>The seed's fleet, exactly: templates 900–908 on local-hdd, services 200–208 on local-lvm at 10.0.30.10–.90.</summary>
public static class FleetDefaults
{
    public static FleetSpec Seed { get; } = Build();

    private static FleetSpec Build() => new()
    {
        Templates = ServiceCatalog.All.Select(d => new TemplateSpec
        {
            Name = d.Key,
            Ctid = d.TemplateCtid,
            Hostname = $"{d.Key}-template",
            Cores = d.Cores,
            Memory = d.MemoryMb,
            Disk = $"{d.DiskGb}G",
        }).ToList(),
        Services = ServiceCatalog.All.Select(d => new ServiceSpec
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
        }).ToList(),
    };
}
