namespace LxcForge.Core.Hosting;

/// <summary>Facts about the host: product, version and its nodes.</summary>
/// <param name="Product">For example <c>pve-manager</c> or <c>lxc</c>.</param>
/// <param name="Version">For example <c>9.1.3</c>.</param>
public sealed record HostInfo(string Product, string Version, string? Release, IReadOnlyList<NodeInfo> Nodes);

public sealed record NodeInfo(string Name, bool Online, int Cores, long MemoryBytes);

public sealed record BridgeInfo(string Name, string Node, string? Cidr, bool Active);

/// <param name="VolumeId">For example <c>local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst</c>.</param>
public sealed record OsTemplateInfo(string VolumeId, string Name, long SizeBytes);
