namespace LxcForge.Core.Hosting;

/// <summary>
/// Everything LxcForge asks of a host: the original scripts' <c>lib/common-functions.sh</c> (docs/fleet-design.md#the-original-scripts) as one interface.
/// Implemented by the Proxmox REST API backend, the pct shell backend (local or SSH), the plain-LXC
/// backend and (through the API backend) the simulator.
/// </summary>
/// <remarks>
/// Long operations return once the host's task has finished; a failed task throws
/// <see cref="HostException"/> with <see cref="HostErrorKind.TaskFailed"/> and the task log's tail.
/// Container configuration speaks Proxmox's language (keys and property strings, see
/// <see cref="ContainerConfig"/>); non-Proxmox backends translate.
/// </remarks>
public interface IContainerHost : IAsyncDisposable
{
    /// <summary>A short description for logs and tables, e.g. <c>pve-api https://pve:8006</c>. Never contains a secret.</summary>
    string Description { get; }

    /// <summary>What this backend can do; callers check before asking for an unsupported operation.</summary>
    HostCapabilities Capabilities { get; }

    Task<HostInfo> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// What the host says it is, the key its state (journal, secrets, configured marks) is kept under: the same for
    /// every address, alias or backend that reaches it, different for every other host. See <see cref="HostIdentity"/>.
    /// </summary>
    Task<string> GetIdentityAsync(CancellationToken cancellationToken = default);

    /// <summary>Storages as seen from <paramref name="node"/> (all nodes when null).</summary>
    Task<IReadOnlyList<StorageInfo>> GetStoragesAsync(string? node = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BridgeInfo>> GetBridgesAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>OS templates already on <paramref name="storage"/> (<c>pveam list</c>).</summary>
    Task<IReadOnlyList<OsTemplateInfo>> GetOsTemplatesAsync(string node, string storage, CancellationToken cancellationToken = default);

    /// <summary>OS templates the host could download (<c>pveam available --section system</c>).</summary>
    Task<IReadOnlyList<string>> GetAvailableOsTemplatesAsync(string node, CancellationToken cancellationToken = default);

    Task<TaskOutcome> DownloadOsTemplateAsync(string node, string storage, string template, CancellationToken cancellationToken = default);

    /// <summary>Every container on every node (templates included).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken = default);

    /// <summary>One container's status and configuration, or null when the CTID is not in use.</summary>
    Task<ContainerInfo?> GetContainerAsync(int vmid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The status and configuration of several containers at once (CTIDs not in use are left out). Backends that
    /// can list in one call override this to read the status of all with that call and only the configs one by one,
    /// several at a time; this default reads each with <see cref="GetContainerAsync"/>, <see cref="BulkReads"/> at a time.
    /// </summary>
    async Task<IReadOnlyDictionary<int, ContainerInfo>> GetContainersAsync(IReadOnlyCollection<int> vmids, CancellationToken cancellationToken = default)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<int, ContainerInfo>();
        await Parallel.ForEachAsync(
            vmids.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = BulkReads, CancellationToken = cancellationToken },
            async (vmid, ct) =>
            {
                if (await GetContainerAsync(vmid, ct) is { } info)
                    found[vmid] = info;
            }
        );
        return found;
    }

    /// <summary>Reads in flight at once in <see cref="GetContainersAsync"/>: enough to hide the round trips, few enough for the host's workers.</summary>
    const int BulkReads = 16;

    Task<TaskOutcome> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken = default);

    Task<TaskOutcome> CloneAsync(CloneRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets and deletes configuration keys (<c>pct set</c> / <c>PUT …/config</c>).</summary>
    Task UpdateConfigAsync(int vmid, ConfigChange change, CancellationToken cancellationToken = default);

    Task<TaskOutcome> StartAsync(int vmid, CancellationToken cancellationToken = default);

    Task<TaskOutcome> StopAsync(int vmid, CancellationToken cancellationToken = default);

    Task<TaskOutcome> ShutdownAsync(int vmid, TimeSpan timeout, bool forceStop, CancellationToken cancellationToken = default);

    /// <summary>Converts a stopped container to a template and verifies <c>template: 1</c> was written.</summary>
    Task ConvertToTemplateAsync(int vmid, CancellationToken cancellationToken = default);

    /// <summary>Grows a disk: <paramref name="size"/> is <c>+10G</c> (relative) or <c>20G</c> (absolute). Verified by reading back.</summary>
    Task<TaskOutcome> ResizeAsync(int vmid, string disk, string size, CancellationToken cancellationToken = default);

    /// <summary>Runs a command inside a running container. Secrets go in <see cref="ExecRequest.StandardInput"/>, never in arguments.</summary>
    Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default);

    Task<BackupInfo> BackupAsync(BackupRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string storage, int? vmid = null, CancellationToken cancellationToken = default);

    Task DeleteBackupAsync(string volumeId, CancellationToken cancellationToken = default);

    Task<TaskOutcome> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(int vmid, CancellationToken cancellationToken = default);

    Task<TaskOutcome> SnapshotAsync(int vmid, string name, string? description = null, CancellationToken cancellationToken = default);

    Task<TaskOutcome> RollbackAsync(int vmid, string name, CancellationToken cancellationToken = default);

    Task<TaskOutcome> DeleteSnapshotAsync(int vmid, string name, CancellationToken cancellationToken = default);

    Task<TaskOutcome> DestroyAsync(int vmid, bool force = false, bool purge = false, CancellationToken cancellationToken = default);
}
