using LxcForge.Core.Hosting;

namespace LxcForge.Core.Lifecycle;

/// <summary>Why a container at an instance's CTID may not be removed.</summary>
public enum RemovalRefusal
{
    /// <summary>It does not carry LxcForge's marker: someone else's container.</summary>
    NotOwned,

    /// <summary>It is LxcForge's, but <c>protection: 1</c> is set on it.</summary>
    Protected,
}

/// <summary>What is at an instance's CTID and whether LxcForge may remove it.</summary>
/// <param name="Container">Null when nothing is there.</param>
/// <param name="Refusal">Null when the container is LxcForge's and unprotected.</param>
public sealed record RemovalCheck(string Name, int Ctid, ContainerInfo? Container, RemovalRefusal? Refusal)
{
    public bool Exists => Container is not null;

    public bool Removable => Container is not null && Refusal is null;
}

/// <summary>An instance whose container was removed, and the backup taken of it first (if any).</summary>
public sealed record RemovedInstance(string Name, int Ctid, string? Backup);
