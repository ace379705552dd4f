namespace LxcForge.Core.Spec.Replicas;

/// <summary>
/// One concrete container of a service: the primary (ordinal 0) or a replica (1, 2, …),
/// with its own CTID, address and hostname. Deploy, scale and status work on these.
/// </summary>
public sealed record ServiceInstance
{
    public required ServiceSpec Service { get; init; }

    /// <summary>The service's name for the primary, <c>NAME-N</c> for replica N.</summary>
    public required string Name { get; init; }

    /// <summary>0 for the primary, 1-based for replicas.</summary>
    public required int Ordinal { get; init; }

    public required int Ctid { get; init; }

    /// <summary>The static IPv4 address without prefix, e.g. <c>10.0.30.11</c>.</summary>
    public required string Ip { get; init; }

    /// <summary>The subnet's prefix length, e.g. 24.</summary>
    public required int PrefixLength { get; init; }

    public required string Hostname { get; init; }

    public bool IsReplica => Ordinal > 0;

    /// <summary>The address as <c>net0</c>'s <c>ip=</c> wants it: <c>10.0.30.11/24</c>.</summary>
    public string IpCidr => $"{Ip}/{PrefixLength}";
}

/// <summary>The instances of one service, and why any further ones could not be placed.</summary>
/// <param name="Problems">Each a field relative to the service (<c>replicas.ctids</c>) and a message.</param>
public sealed record ReplicaPlan(IReadOnlyList<ServiceInstance> Instances, IReadOnlyList<(string Field, string Message)> Problems)
{
    public bool IsComplete => Problems.Count == 0;
}
