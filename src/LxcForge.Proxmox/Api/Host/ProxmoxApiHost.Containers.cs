using System.Collections.Concurrent;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Models;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken = default) =>
        DoingAsync("list containers", null, async () =>
        {
            var resources = await _calls.ReadAsync(t => _client.Cluster.ResourcesAsync("vm", t), cancellationToken);
            return (IReadOnlyList<ContainerSummary>)
                resources
                    .Where(r => r.IsContainer && r.Vmid is not null)
                    .OrderBy(r => r.Vmid)
                    .Select(r => new ContainerSummary(
                        r.Vmid!.Value,
                        r.Node ?? string.Empty,
                        r.Name ?? $"CT{r.Vmid}",
                        r.Status == "running" ? ContainerStatus.Running : ContainerStatus.Stopped,
                        r.Template,
                        r.Lock,
                        ContainerConfig.ParseTags(r.Tags)
                    ))
                    .ToList();
        });

    public Task<ContainerInfo?> GetContainerAsync(int vmid, CancellationToken cancellationToken = default) => DoingAsync($"read CT {vmid}", vmid, async () =>
        {
            if (await FindAsync(vmid, cancellationToken) is not { Node: { } node })
                return null;
            try
            {
                var ct = Ct(node, vmid);
                var config = await _calls.ReadAsync(ct.ConfigAsync, cancellationToken);
                var status = await _calls.ReadAsync(ct.Status.CurrentAsync, cancellationToken);
                return new ContainerInfo(Summarize(node, status, config), config);
            }
            catch (HostException e) when (e.Kind == HostErrorKind.NotFound)
            {
                // Destroyed (or migrated) between the lookup and the read.
                return null;
            }
        });

    /// <summary>
    /// One <c>/cluster/resources</c> for where each container is and its status, then only the configs, several at a
    /// time (<see cref="IContainerHost.BulkReads"/>). The status is the cluster's view, which Proxmox refreshes every
    /// few seconds; the lock comes from the config itself.
    /// </summary>
    public Task<IReadOnlyDictionary<int, ContainerInfo>> GetContainersAsync(IReadOnlyCollection<int> vmids, CancellationToken cancellationToken = default) =>
        DoingAsync("read containers", null, async () =>
        {
            var wanted = vmids.ToHashSet();
            var resources = await _calls.ReadAsync(t => _client.Cluster.ResourcesAsync("vm", t), cancellationToken);
            var found = new ConcurrentDictionary<int, ContainerInfo>();
            var present = resources.Where(r => r is { IsContainer: true, Vmid: { } v, Node: not null } && wanted.Contains(v));
            await Parallel.ForEachAsync(
                present,
                new ParallelOptions { MaxDegreeOfParallelism = IContainerHost.BulkReads, CancellationToken = cancellationToken },
                async (r, t) =>
                {
                    var vmid = r.Vmid!.Value;
                    try
                    {
                        var config = await _calls.ReadAsync(Ct(r.Node!, vmid).ConfigAsync, t);
                        var summary = new ContainerSummary(
                            vmid,
                            r.Node!,
                            r.Name ?? config.Hostname ?? $"CT{vmid}",
                            r.Status == "running" ? ContainerStatus.Running : ContainerStatus.Stopped,
                            r.Template || config.IsTemplate,
                            config.Lock ?? r.Lock,
                            config.Tags
                        );
                        found[vmid] = new ContainerInfo(summary, config);
                    }
                    catch (HostException e) when (e.Kind == HostErrorKind.NotFound)
                    {
                        // Destroyed (or migrated) between the list and the read.
                    }
                }
            );
            return (IReadOnlyDictionary<int, ContainerInfo>)found;
        });

    public Task<TaskOutcome> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"create CT {request.Vmid}", request.Vmid, async () =>
        {
            RefuseRootOnlyFeatures(request.Options.GetValueOrDefault("features"), current: null, request.Vmid);
            var body = new ApiParams()
                .Add("vmid", request.Vmid)
                .Add("ostemplate", request.OsTemplate)
                .Add("storage", request.Storage)
                .Add("password", request.RootPassword)
                .Add("start", request.Start ? true : null)
                .AddAll(request.Options);
            return await _calls.WriteAsync(
                async t => await WaitAsync(request.Node, await _client.Nodes[request.Node].Lxc.CreateAsync(body, t), t),
                async t =>
                    await FindAsync(request.Vmid, t) is null
                        ? null
                        : await WaitForEarlierTaskAsync(request.Node, "vzcreate", request.Vmid, started, request.Vmid, t),
                cancellationToken
            );
        });
    }

    public Task<TaskOutcome> CloneAsync(CloneRequest request, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"clone CT {request.SourceVmid} to {request.NewVmid}", request.NewVmid, async () =>
        {
            var node = await NodeOfAsync(request.SourceVmid, cancellationToken);
            var body = new ApiParams()
                .Add("newid", request.NewVmid)
                .Add("hostname", request.Hostname)
                .Add("storage", request.Storage)
                .Add("full", request.Full)
                .Add("target", request.TargetNode)
                .Add("description", request.Description)
                .Add("snapname", request.SnapshotName)
                .Add("pool", request.Pool);
            return await _calls.WriteAsync(
                async t => await WaitAsync(node, await Ct(node, request.SourceVmid).CloneAsync(body, t), t),
                async t =>
                    await FindAsync(request.NewVmid, t) is null
                        ? null
                        : await WaitForEarlierTaskAsync(node, "vzclone", request.SourceVmid, started, request.NewVmid, t),
                cancellationToken
            );
        });
    }

    public Task UpdateConfigAsync(int vmid, ConfigChange change, CancellationToken cancellationToken = default) =>
        DoingAsync($"update the config of CT {vmid}", vmid, async () =>
        {
            if (change.IsEmpty)
                return;
            var node = await NodeOfAsync(vmid, cancellationToken);
            var ct = Ct(node, vmid);
            var current = await _calls.ReadAsync(ct.ConfigAsync, cancellationToken);
            RefuseRootOnlyFeatures(change.Set.GetValueOrDefault("features"), current.Features, vmid);
            var set = change.KeepingMacAddresses(current).Set;
            var body = new ApiParams().AddAll(set).Add("delete", change.Delete.Count > 0 ? string.Join(',', change.Delete) : null).Add("digest", change.Digest);
            await _calls.WriteAsync<object>(
                async t =>
                {
                    await ct.UpdateConfigAsync(body, t);
                    return TaskOutcome.None;
                },
                async t => IsApplied(await ct.ConfigAsync(t), set, change.Delete) ? TaskOutcome.None : null,
                cancellationToken
            );
        });

    private static ContainerSummary Summarize(string node, ContainerCurrentStatus status, ContainerConfig config) =>
        new(
            status.Vmid,
            node,
            status.Name ?? config.Hostname ?? $"CT{status.Vmid}",
            status.IsRunning ? ContainerStatus.Running : ContainerStatus.Stopped,
            status.Template || config.IsTemplate,
            status.Lock ?? config.Lock,
            config.Tags
        );

    /// <summary>True when the config already holds every value set and none of the keys deleted (an earlier attempt went through).</summary>
    private static bool IsApplied(ContainerConfig config, IReadOnlyDictionary<string, string> set, IReadOnlyList<string> delete) =>
        delete.All(k => config[k] is null) && set.All(kv => SameValue(kv.Key, config[kv.Key], kv.Value));

    private static bool SameValue(string key, string? actual, string wanted)
    {
        if (actual is null)
            return false;
        if (PropertyFormat.ForConfigKey(key) is not { } format)
            return actual == wanted;
        return PropertyString.TryParse(actual, format, out var a)
            && PropertyString.TryParse(wanted, format, out var w)
            && w!.Values.All(kv => a!.Values.GetValueOrDefault(kv.Key) == kv.Value);
    }

    /// <summary>
    /// Proxmox lets only root@pam itself change feature flags other than nesting; API tokens (even root@pam's)
    /// count as another user. Refuse up front with a message that says what to do, before anything changes.
    /// </summary>
    private void RefuseRootOnlyFeatures(string? wanted, ContainerFeatures? current, int vmid)
    {
        if (wanted is null || _credentials.IsRootAtPam)
            return;
        var features = ContainerFeatures.Parse(wanted);
        var baseline = current ?? ContainerFeatures.None;
        if (!features.NeedsRootAtPam || (features with { Nesting = baseline.Nesting }) == baseline)
            return;
        throw new HostException(
            HostErrorKind.PermissionDenied,
            $"features '{features}' need root@pam: Proxmox lets only root@pam itself set feature flags other than nesting (keyctl and fuse for Docker), and {_credentials.Identity} is not root@pam (API tokens never are, not even root@pam's own). Use --ssh root@HOST, or a ticket login as root@pam."
        )
        {
            Vmid = vmid,
        };
    }
}
