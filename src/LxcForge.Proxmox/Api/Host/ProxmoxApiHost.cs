using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Client;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Host;

/// <summary>
/// <see cref="IContainerHost"/> over the Proxmox VE REST API. Long operations wait for their task; transient
/// failures are retried after checking that the earlier attempt did not already take effect. The API has no
/// exec: commands inside containers go through the optional <see cref="IContainerExec"/> (e.g. <c>--ssh root@HOST</c>).
/// </summary>
public sealed partial class ProxmoxApiHost : IContainerHost
{
    private readonly ProxmoxClient _client;
    private readonly IContainerExec? _exec;
    private readonly ResilientCalls _calls;
    private readonly PveCredentials _credentials;

    public ProxmoxApiHost(ProxmoxConnectionOptions options, IContainerExec? exec = null)
        : this(new ProxmoxClient(options), exec) { }

    public ProxmoxApiHost(ProxmoxClient client, IContainerExec? exec = null)
    {
        _client = client;
        _exec = exec;
        var options = client.Transport.Options;
        _credentials = options.Credentials;
        _calls = new ResilientCalls(options.Retry, options.Time);
        Capabilities = HostCapabilities.All with { Exec = exec is not null, IsRootAtPam = _credentials.IsRootAtPam };
    }

    /// <summary>The API client underneath, for calls this interface does not cover.</summary>
    public ProxmoxClient Client => _client;

    public string Description => $"pve-api {_client.Transport.Options}" + (_exec is null ? string.Empty : $" (exec via {_exec.Description})");

    public HostCapabilities Capabilities { get; }

    private TimeProvider Time => _client.Transport.Options.Time;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The node a container lives on; <see cref="HostErrorKind.NotFound"/> when no node has it.</summary>
    private async Task<string> NodeOfAsync(int vmid, CancellationToken ct) =>
        (await FindAsync(vmid, ct))?.Node ?? throw new HostException(HostErrorKind.NotFound, $"CT {vmid} does not exist on any node") { Vmid = vmid };

    private async Task<ClusterResource?> FindAsync(int vmid, CancellationToken ct)
    {
        var resources = await _calls.ReadAsync(t => _client.Cluster.ResourcesAsync("vm", t), ct);
        var found = resources.FirstOrDefault(r => r.Vmid == vmid);
        if (found is { IsContainer: false })
            throw new HostException(HostErrorKind.InvalidRequest, $"{vmid} is a {found.Type} guest, not a container") { Vmid = vmid };
        return found;
    }

    private ContainerClient Ct(string node, int vmid) => _client.Nodes[node].Lxc[vmid];

    private Task<TaskOutcome> WaitAsync(string node, string? upid, CancellationToken ct) =>
        upid is null ? Task.FromResult(TaskOutcome.None) : _client.Nodes[node].Tasks.WaitAsync(upid, ct: ct);

    /// <summary>Runs one operation and prefixes any failure with what was being done ("Unable to start CT 200: …").</summary>
    private static async Task<T> DoingAsync<T>(string action, int? vmid, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (HostException e) when (!e.Message.StartsWith("Unable to ", StringComparison.Ordinal))
        {
            throw new HostException(e.Kind, $"Unable to {action}: {e.Message}", e.InnerException)
            {
                Vmid = e.Vmid ?? vmid,
                TaskId = e.TaskId,
                LogTail = e.LogTail,
                ParameterErrors = e.ParameterErrors,
            };
        }
    }

    private static Task DoingAsync(string action, int? vmid, Func<Task> body) => DoingAsync<bool>(action, vmid, async () =>
        {
            await body();
            return true;
        });
}
