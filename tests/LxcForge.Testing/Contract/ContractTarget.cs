using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

/// <summary>What a backend's <see cref="ContainerHostContract.CreateHostAsync"/> hands the contract suite.</summary>
/// <param name="Host">The backend under test.</param>
/// <param name="Environment">Names of the node, storages, bridge and OS template the host offers.</param>
/// <param name="View">A second, independent way to read the host's state (for example the simulator engine
/// itself, or the other backend); null when the backend has none, and then read-back assertions use only <paramref name="Host"/>.</param>
/// <param name="Owned">Anything else to dispose with the host (a simulator server, an sshd…).</param>
public sealed record ContractTarget(IContainerHost Host, ContractEnvironment Environment, IContractView? View = null, IAsyncDisposable? Owned = null);

/// <summary>The host's names for the things the scenarios use. Defaults are the fleet design's host.</summary>
public sealed record ContractEnvironment
{
    public string Node { get; init; } = "pve";

    /// <summary>A storage with <c>rootdir</c> content where containers are created (the fleet design's template store).</summary>
    public string TemplateStorage { get; init; } = "local-hdd";

    /// <summary>A second <c>rootdir</c> storage clones go to; snapshots are taken here, so it should support them (lvmthin).</summary>
    public string ServiceStorage { get; init; } = "local-lvm";

    /// <summary>A storage with <c>backup</c> content.</summary>
    public string BackupStorage { get; init; } = "local-hdd";

    /// <summary>The storage holding OS templates (<c>vztmpl</c> content).</summary>
    public string OsTemplateStorage { get; init; } = "local";

    /// <summary>The OS template's file name; downloaded first when the host does not have it yet.</summary>
    public string OsTemplateName { get; init; } = "debian-12-standard_12.12-1_amd64.tar.zst";

    public string OsTemplateVolumeId => $"{OsTemplateStorage}:vztmpl/{OsTemplateName}";

    public string Bridge { get; init; } = "vmbr2";

    public string Gateway { get; init; } = "10.0.30.1";

    /// <summary>The first address of the /24 the scenarios give their containers (<c>10.0.30.</c> + 100…).</summary>
    public string AddressPrefix { get; init; } = "10.0.30.";

    /// <summary>The first CTID the scenarios may use; they use up to ten from here, all free.</summary>
    public int FirstVmid { get; init; } = 300;
}

/// <summary>A second view of the host's state, independent of the backend under test.</summary>
public interface IContractView
{
    /// <summary>The container's stored configuration (pending values applied), or null when it does not exist.</summary>
    Task<ContainerConfig?> ReadConfigAsync(int vmid);

    /// <summary>Running or stopped, or null when the container does not exist.</summary>
    Task<ContainerStatus?> ReadStatusAsync(int vmid);

    /// <summary>Sets (or clears, with null) the container's <c>lock</c>, as a vzdump or a stuck task would.</summary>
    Task SetLockAsync(int vmid, string? lockValue);

    /// <summary>Volume ids of the backups on <paramref name="storage"/>.</summary>
    Task<IReadOnlyList<string>> ListBackupVolumesAsync(string storage);
}
