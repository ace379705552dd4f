namespace LxcForge.Core.Hosting;

/// <summary>
/// Runs commands inside containers, for a backend that cannot do it itself: the Proxmox REST API has no exec
/// (docs/proxmox-behaviour.md#exec), so the API backend borrows one (<c>pct exec</c> over SSH, or the simulator's).
/// </summary>
public interface IContainerExec
{
    /// <summary>A short description for messages, e.g. <c>ssh root@pve</c>.</summary>
    string Description { get; }

    /// <summary>Runs <paramref name="request"/> in container <paramref name="vmid"/>; same contract as <see cref="IContainerHost.ExecAsync"/>.</summary>
    Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Lends any host's exec to another backend (e.g. the pct shell backend's, to the API backend).</summary>
public sealed class HostExec(IContainerHost host) : IContainerExec
{
    public string Description => host.Description;

    public Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default) =>
        host.ExecAsync(vmid, request, cancellationToken);
}
