using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Client;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    public Task<TaskOutcome> StartAsync(int vmid, CancellationToken cancellationToken = default) =>
        ContainerTaskAsync($"start CT {vmid}", vmid, (c, t) => c.Status.StartAsync(t), ct => ct?.IsRunning == true, cancellationToken);

    public Task<TaskOutcome> StopAsync(int vmid, CancellationToken cancellationToken = default) =>
        ContainerTaskAsync($"stop CT {vmid}", vmid, (c, t) => c.Status.StopAsync(t), ct => ct is { IsRunning: false }, cancellationToken);

    public Task<TaskOutcome> ShutdownAsync(int vmid, TimeSpan timeout, bool forceStop, CancellationToken cancellationToken = default) =>
        ContainerTaskAsync(
            $"shut down CT {vmid}",
            vmid,
            (c, t) => c.Status.ShutdownAsync(timeout, forceStop, t),
            ct => ct is { IsRunning: false },
            cancellationToken
        );

    public Task<TaskOutcome> DestroyAsync(int vmid, bool force = false, bool purge = false, CancellationToken cancellationToken = default) =>
        ContainerTaskAsync($"destroy CT {vmid}", vmid, (c, t) => c.DeleteAsync(force, purge, t), ct => ct is null, cancellationToken);

    public Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default) =>
        _exec?.ExecAsync(vmid, request, cancellationToken)
        ?? throw new HostException(
            HostErrorKind.Unsupported,
            $"cannot run a command in CT {vmid}: the Proxmox REST API has no exec. Service configuration, readiness and health checks and template provisioning run commands inside containers; give --ssh root@HOST beside --host so LxcForge can use pct exec."
        )
        {
            Vmid = vmid,
        };

    public Task ConvertToTemplateAsync(int vmid, CancellationToken cancellationToken = default)
    {
        var started = Time.GetUtcNow();
        return DoingAsync($"convert CT {vmid} to a template", vmid, async () =>
        {
            var node = await NodeOfAsync(vmid, cancellationToken);
            var ct = Ct(node, vmid);
            if ((await _calls.ReadAsync(ct.ConfigAsync, cancellationToken)).IsTemplate)
                return;
            await _calls.WriteAsync<object>(
                async t =>
                {
                    await ct.TemplateAsync(t);
                    return TaskOutcome.None;
                },
                async t => (await ct.ConfigAsync(t)).IsTemplate ? TaskOutcome.None : null,
                cancellationToken
            );
            await WaitForTemplateFlagAsync(node, ct, started, cancellationToken);
        });
    }

    public Task<TaskOutcome> ResizeAsync(int vmid, string disk, string size, CancellationToken cancellationToken = default) =>
        DoingAsync($"resize {disk} of CT {vmid} to {size}", vmid, async () =>
        {
            if (!DiskSize.TryParse(size, out var relative, out var bytes))
                throw new HostException(HostErrorKind.InvalidRequest, $"'{size}' is not a disk size (expected [+]N[K|M|G|T], e.g. +10G or 20G)");
            var node = await NodeOfAsync(vmid, cancellationToken);
            var ct = Ct(node, vmid);
            var current = SizeOf(await _calls.ReadAsync(ct.ConfigAsync, cancellationToken), disk)
                ?? throw new HostException(HostErrorKind.NotFound, $"CT {vmid} has no disk '{disk}'");
            // Send an absolute size, so a retry after a lost answer cannot grow the disk twice.
            var target = relative ? current + bytes : bytes;
            if (target == current)
                return TaskOutcome.None;
            var outcome = await _calls.WriteAsync(
                async t => await WaitAsync(node, await ct.ResizeAsync(disk, DiskSize.Format(target), t), t),
                async t => SizeOf(await ct.ConfigAsync(t), disk) == target ? TaskOutcome.None : null,
                cancellationToken
            );
            var after = SizeOf(await _calls.ReadAsync(ct.ConfigAsync, cancellationToken), disk);
            if (after != target)
                throw new HostException(
                    HostErrorKind.TaskFailed,
                    $"the resize ended but {disk} is {DiskSize.Format(after ?? 0)}, not {DiskSize.Format(target)}"
                )
                {
                    TaskId = outcome.TaskId,
                };
            return outcome;
        });

    /// <summary>A container operation that returns a task: dispatch, wait, and before a retry ask <paramref name="isDone"/>.</summary>
    private Task<TaskOutcome> ContainerTaskAsync(
        string action,
        int vmid,
        Func<ContainerClient, CancellationToken, Task<string?>> dispatch,
        Func<ContainerInfo?, bool> isDone,
        CancellationToken cancellationToken
    ) => DoingAsync(action, vmid, async () =>
        {
            var node = await NodeOfAsync(vmid, cancellationToken);
            var ct = Ct(node, vmid);
            return await _calls.WriteAsync(
                async t => await WaitAsync(node, await dispatch(ct, t), t),
                async t => isDone(await GetContainerAsync(vmid, t)) ? TaskOutcome.None : null,
                cancellationToken
            );
        });

    /// <summary>
    /// <c>POST …/template</c> returns null and runs its worker unseen (docs/proxmox-behaviour.md#template-conversion): poll the
    /// config for <c>template: 1</c>, and look for the <c>vztemplate</c> task to report its failure with its log.
    /// </summary>
    private async Task WaitForTemplateFlagAsync(string node, ContainerClient ct, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var options = _client.Transport.Options.Tasks;
        var tasks = _client.Nodes[node].Tasks;
        var limit = options.TimeoutFor("vztemplate");
        var schedule = new WaitSchedule(limit, options.InitialPollInterval, options.MaxPollInterval, options.PollOvershoot, Time);
        var last = await StateWait.UntilAsync(
            async t =>
            {
                if ((await _calls.ReadAsync(ct.ConfigAsync, t)).IsTemplate)
                    return Look<bool>.Ready(true);
                var recent = await _calls.ReadAsync(r => tasks.ListAsync("vztemplate", ct.Vmid, started.AddMinutes(-1), r), t);
                if (recent.FirstOrDefault(task => task.Type == "vztemplate") is { } task)
                {
                    // Throws with the log when the worker failed; on success the flag is there on the next read.
                    await tasks.WaitAsync(task.Upid, ct: t);
                    if ((await _calls.ReadAsync(ct.ConfigAsync, t)).IsTemplate)
                        return Look<bool>.Ready(true);
                }

                return Look<bool>.NotYet("template: 1 not in the config yet");
            },
            schedule,
            $"CT {ct.Vmid} to become a template",
            cancellationToken
        );
        if (!last.Done)
            throw new HostException(HostErrorKind.Timeout, $"template: 1 did not appear in the config of CT {ct.Vmid} within {limit.TotalMinutes:0.#} min");
    }

    private static long? SizeOf(ContainerConfig config, string disk) =>
        config[disk] is { } value ? VolumeSpec.Parse(value, isMountPoint: disk != "rootfs").SizeBytes : null;
}
