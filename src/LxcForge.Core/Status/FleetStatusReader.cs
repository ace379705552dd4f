using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;

namespace LxcForge.Core.Status;

/// <summary>
/// Reads the fleet's status: each instance's state, drift from the spec (the planner's view, so status and
/// plan agree), the newest backup, and — when asked — its health check run inside the container.
/// Changes nothing.
/// </summary>
public sealed class FleetStatusReader(IContainerHost host, HostState state)
{
    public async Task<IReadOnlyList<InstanceStatus>> ReadAsync(
        FleetSpec fleet,
        bool checkHealth,
        IReadOnlyCollection<string>? only = null,
        CancellationToken cancellationToken = default
    )
    {
        var all = FleetInstances.Expand(fleet);
        var observed = await ObservedState.ReadAsync(host, all, cancellationToken);
        observed = observed.WithLocalState(state.Store, state.Identity);
        var plan = Planner.Plan(fleet, observed, only);
        var backups = await BackupsAsync(fleet, cancellationToken);

        var rows = new List<InstanceStatus>();
        foreach (var item in plan.Items)
        {
            observed.Details.TryGetValue(item.Ctid, out var info);
            var summary = observed.Containers.FirstOrDefault(c => c.Vmid == item.Ctid);
            var row = new InstanceStatus
            {
                Service = item.Name,
                Ctid = item.Ctid,
                Ip = item.Desired.Ip,
                Node = summary?.Node,
                State = StateOf(item, summary),
                Drift = DriftOf(item),
                LastBackup = backups.Where(b => b.Vmid == item.Ctid).MaxBy(b => b.CreatedAt),
            };
            if (checkHealth && info is { IsRunning: true } && item.Action != PlanAction.Error)
                row = await WithHealthAsync(row, item.Desired, new ServiceContext(item.Desired, fleet, all), cancellationToken);
            rows.Add(row);
        }

        return rows;
    }

    private async Task<InstanceStatus> WithHealthAsync(
        InstanceStatus row,
        DesiredContainer desired,
        ServiceContext context,
        CancellationToken cancellationToken
    )
    {
        var recipe = ServiceRegistry.For(desired);
        if (recipe is null)
            return row;
        var secrets = state.GetSecrets(desired.Name);
        var check = recipe.HealthCheck(context);
        if (check.Secrets.Any(s => !secrets.ContainsKey(s)))
            return row with { Health = "unknown: no credentials on record (deploy it with LxcForge)" };
        try
        {
            var result = await host.ExecAsync(desired.Ctid, check.ToRequest(secrets) with { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
            if (result.Succeeded)
                return row with { Health = "healthy", Healthy = true };
            var detail = (result.StandardError + result.StandardOutput).Trim();
            foreach (var value in secrets.Values)
                detail = detail.Replace(value, "***", StringComparison.Ordinal);
            return row with { Health = $"UNHEALTHY: {(detail.Length > 120 ? detail[..120] : detail)}" };
        }
        catch (HostException e)
        {
            return row with { Health = $"unknown: {e.Message}" };
        }
    }

    private async Task<IReadOnlyList<BackupInfo>> BackupsAsync(FleetSpec fleet, CancellationToken cancellationToken)
    {
        try
        {
            return await host.ListBackupsAsync(fleet.Storage.Backups, null, cancellationToken);
        }
        catch (HostException e) when (e.Kind is HostErrorKind.NotFound or HostErrorKind.Unsupported)
        {
            return [];
        }
    }

    private static string StateOf(ContainerPlan item, ContainerSummary? summary) =>
        summary switch
        {
            null => "missing",
            _ when item.Action == PlanAction.Error => "foreign",
            { Lock: { } l } => $"locked ({l})",
            { Status: ContainerStatus.Running } => "running",
            _ => "stopped",
        };

    private static IReadOnlyList<string> DriftOf(ContainerPlan item) =>
        item.Action switch
        {
            PlanAction.Create => ["not deployed"],
            PlanAction.Error => [item.Error ?? "error"],
            PlanAction.Resume => ["an interrupted clone (deploy finishes it)"],
            _ =>
            [
                .. item.Changes.Select(c => $"{c.Key}: {c.Old ?? "(unset)"} -> {c.New ?? "(unset)"}"),
                .. item.Grow is { } g ? [$"rootfs: {DiskSize.Format(g.FromBytes)} -> {DiskSize.Format(g.ToBytes)}"] : Array.Empty<string>(),
                .. item.Start ? ["not running"] : Array.Empty<string>(),
                .. item.Configure && item.Action != PlanAction.None ? ["configuration not applied"] : Array.Empty<string>(),
                .. item.Notes,
            ],
        };
}
