using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Planning;

/// <summary>
/// One container the spec asks for, fully resolved: a service (or one of its replicas) with its
/// template, storage, address and resources. What the planner compares the host against.
/// </summary>
public sealed record DesiredContainer
{
    /// <summary>The instance name: the service's name, or <c>NAME-n</c> for replica n.</summary>
    public required string Name { get; init; }

    public required ServiceSpec Service { get; init; }
    public required int Ctid { get; init; }
    public required string Hostname { get; init; }

    /// <summary>IPv4 address without prefix length.</summary>
    public required string Ip { get; init; }

    public required int PrefixLength { get; init; }
    public required string Gateway { get; init; }
    public required string Bridge { get; init; }
    public required string Storage { get; init; }
    public required string TemplateName { get; init; }
    public required int TemplateCtid { get; init; }

    /// <summary>The catalogue key whose configuration and checks apply (null for a <c>custom:</c> service).</summary>
    public string? CatalogKey { get; init; }

    public string? Node { get; init; }
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    public string? SearchDomain { get; init; }
    public long DiskBytes { get; init; }

    public string Cidr => $"{Ip}/{PrefixLength}";

    /// <summary>net0 as the spec wants it; the current MAC is kept so an IP change does not change it.</summary>
    public NetworkInterface Net0(NetworkInterface? current) =>
        (current ?? new NetworkInterface("eth0")) with
        {
            Name = "eth0",
            Bridge = Bridge,
            Ip = Cidr,
            Gateway = Gateway,
            Type = "veth",
        };

    public ContainerFeatures Features(ContainerFeatures current) =>
        current with
        {
            Nesting = Service.Features.Nesting,
            Keyctl = Service.Features.Keyctl,
            Fuse = Service.Features.Fuse,
        };
}
