using System.Globalization;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Host;

public sealed partial class ProxmoxApiHost
{
    /// <summary>
    /// After a retry found that an earlier attempt took effect (its answer was lost): waits for that attempt's
    /// task when the host still lists it, otherwise until the container's lock is gone.
    /// </summary>
    /// <param name="taskVmid">The vmid in the task id (for a clone, the SOURCE).</param>
    /// <param name="watchVmid">The container whose lock marks the work as running (create, clone and restore targets).</param>
    private async Task<TaskOutcome> WaitForEarlierTaskAsync(string node, string type, int? taskVmid, DateTimeOffset since, int? watchVmid, CancellationToken ct)
    {
        if (await FindEarlierTaskAsync(node, type, taskVmid, since, ct) is { } upid)
            return await _client.Nodes[node].Tasks.WaitAsync(upid, ct: ct);
        if (watchVmid is { } vmid)
            await WaitUntilUnlockedAsync(vmid, _client.Transport.Options.Tasks.TimeoutFor(type), ct);
        return TaskOutcome.None;
    }

    /// <summary>The newest task of <paramref name="type"/> (for <paramref name="taskVmid"/>) started since <paramref name="since"/>, or null.</summary>
    private async Task<string?> FindEarlierTaskAsync(string node, string type, int? taskVmid, DateTimeOffset since, CancellationToken ct)
    {
        // A minute of slack for clock skew between this machine and the host.
        var recent = await _calls.ReadAsync(t => _client.Nodes[node].Tasks.ListAsync(type, taskVmid, since.AddMinutes(-1), t), ct);
        var id = taskVmid?.ToString(CultureInfo.InvariantCulture);
        return recent.FirstOrDefault(t => t.Type == type && (id is null || t.Id == id))?.Upid;
    }

    private async Task WaitUntilUnlockedAsync(int vmid, TimeSpan timeout, CancellationToken ct)
    {
        var options = _client.Transport.Options.Tasks;
        var schedule = new WaitSchedule(timeout, options.InitialPollInterval, options.MaxPollInterval, options.PollOvershoot, Time);
        var last = await StateWait.UntilAsync(
            async t => (await GetContainerAsync(vmid, t))?.Summary.Lock is { } held ? Look<string>.NotYet(held) : Look<string>.Ready(""),
            schedule,
            $"CT {vmid}'s lock to go",
            ct
        );
        if (!last.Done)
            throw new HostException(HostErrorKind.Timeout, $"CT {vmid} still has lock '{last.Detail}' after {timeout.TotalMinutes:0.#} min") { Vmid = vmid };
    }
}
