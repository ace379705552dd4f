using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Planning;

/// <summary>
/// Compares the fleet the spec wants with what the host has, per container, without touching anything.
/// A problem with one service (a foreign container at its CTID, a missing template) is an error for that
/// service alone.
/// </summary>
public static class Planner
{
    /// <param name="only">Service (or instance) names to plan; empty = all.</param>
    public static DeployPlan Plan(FleetSpec fleet, ObservedState observed, IReadOnlyCollection<string>? only = null)
    {
        var all = FleetInstances.Expand(fleet);
        var selected = only is { Count: > 0 } ? all.Where(d => only.Contains(d.Name) || only.Contains(d.Service.Name)).ToList() : all;
        var byVmid = observed.Containers.ToDictionary(c => c.Vmid);
        return new DeployPlan(selected.Select(d => PlanOne(d, new ServiceContext(d, fleet, all), observed, byVmid)).ToList());
    }

    private static ContainerPlan PlanOne(DesiredContainer desired, ServiceContext context, ObservedState observed, Dictionary<int, ContainerSummary> byVmid)
    {
        ContainerPlan Fail(string error) =>
            new()
            {
                Desired = desired,
                Action = PlanAction.Error,
                Error = error,
            };

        var recipe = ServiceRegistry.For(desired);
        if (recipe is null)
            return Fail($"{desired.Name}: no catalogue entry '{desired.CatalogKey}' and no custom: block; add one to the spec");
        string fingerprint;
        try
        {
            fingerprint = recipe.Fingerprint(context);
        }
        catch (ArgumentException e)
        {
            return Fail($"{desired.Name}: {e.Message}");
        }

        if (AddressTakenByForeign(desired, observed) is { } user)
        {
            return Fail(
                $"{desired.Name}: {desired.Ip} is used by CT {user.Vmid} '{user.Summary.Name}', not LxcForge's; "
                    + "it is left untouched: give the service another address in the spec, or change that container's"
            );
        }

        byVmid.TryGetValue(desired.Ctid, out var summary);
        if (summary is not null)
            return PlanExisting(desired, observed, summary, fingerprint);

        if (!byVmid.TryGetValue(desired.TemplateCtid, out var template) || desired.TemplateCtid == 0)
            return Fail(
                $"{desired.Name}: template '{desired.TemplateName}' (CT {desired.TemplateCtid}) does not exist; build it with `lxcforge templates create {desired.TemplateName}`"
            );
        if (!template.IsTemplate)
            return Fail(
                $"{desired.Name}: CT {desired.TemplateCtid} '{template.Name}' is not a template; build it with `lxcforge templates create {desired.TemplateName}`"
            );

        var templateConfig = observed.Details.TryGetValue(desired.TemplateCtid, out var t) ? t.Config : ContainerConfig.Empty;
        var changes = ConfigDiff.Compute(desired, templateConfig);
        var size = templateConfig.RootFs?.SizeBytes ?? 0;
        return new ContainerPlan
        {
            Desired = desired,
            Action = PlanAction.Create,
            CloneFrom = new CloneSource(desired.TemplateCtid, desired.TemplateName, desired.Storage, desired.Node ?? template.Node)
            {
                SourceStorage = templateConfig.RootFs?.Storage,
            },
            Changes = changes,
            Grow = desired.DiskBytes > size ? new DiskGrowth(size, desired.DiskBytes) : null,
            Start = true,
            Configure = true,
            Check = true,
            Fingerprint = fingerprint,
            OwnerId = OwnershipMarker.NewId(),
        };
    }

    /// <summary>A container LxcForge does not own (other than the one at the service's CTID) with the service's address on any interface.</summary>
    private static ContainerInfo? AddressTakenByForeign(DesiredContainer desired, ObservedState observed) =>
        observed
            .Details.Values.Where(c => c.Vmid != desired.Ctid && !c.IsTemplate)
            .Where(c => Enumerable.Range(0, 10).Any(i => c.Config.Net(i)?.Address == desired.Ip))
            .OrderBy(c => c.Vmid)
            .FirstOrDefault(c => !OwnershipMarker.IsOwned(c));

    private static ContainerPlan PlanExisting(DesiredContainer desired, ObservedState observed, ContainerSummary summary, string fingerprint)
    {
        observed.Details.TryGetValue(desired.Ctid, out var info);
        var marker = Marker.Read(info?.Config.Description);
        // A clone of ours interrupted before its tag was set carries only our marker line: still ours.
        var ours = observed.ClonesStarted.Contains(desired.Ctid);
        var why = info is null ? "not readable" : OwnershipMarker.Why(info, desired.Name);
        var owned = info is not null && (why is null || (ours && marker.Kind == MarkerKind.Service && marker.Ctid == desired.Ctid && !info.IsTemplate));
        if (!owned && summary.Lock == "create" && ours)
            return new ContainerPlan
            {
                Desired = desired,
                Action = PlanAction.Resume,
                Fingerprint = fingerprint,
                Start = true,
                Configure = true,
                Check = true,
            };
        if (!owned || info is null)
        {
            return new ContainerPlan
            {
                Desired = desired,
                Action = PlanAction.Error,
                Error =
                    $"{desired.Name}: CT {desired.Ctid} '{summary.Name}' exists and is not managed by LxcForge ({why}); "
                    + "it is left untouched: choose another CTID in the spec or remove that container yourself",
            };
        }

        // The marker's id is recorded (ObservedState.OwnerIds) but not yet enforced: LxcForge's own restores bring back
        // archives whose ids another state recorded (rebuild after total loss); they must record those ids first.

        if (info.IsTemplate)
            return new ContainerPlan
            {
                Desired = desired,
                Action = PlanAction.Error,
                Error = $"{desired.Name}: CT {desired.Ctid} is a template, not a service container",
            };

        var changes = ConfigDiff.Compute(desired, info.Config).ToList();
        var ownerId = marker.Kind == MarkerKind.Service ? marker.Id! : OwnershipMarker.NewId();
        if (marker.Kind != MarkerKind.Service)
        {
            // An old-format marker, accepted because its CTID and service are the spec's: rewritten bound to this container.
            changes.Add(
                new ConfigKeyChange(
                    "description",
                    info.Config.Description,
                    OwnershipMarker.WithLine(info.Config.Description, OwnershipMarker.ServiceLine(desired.Ctid, ownerId))
                )
            );
        }

        var size = info.Config.RootFs?.SizeBytes ?? 0;
        var notes = new List<string>();
        if (desired.DiskBytes > 0 && size > desired.DiskBytes)
            notes.Add($"rootfs is {DiskSize.Format(size)}, larger than the spec's {DiskSize.Format(desired.DiskBytes)}; disks are never shrunk");
        if (info.Config.Unprivileged != desired.Service.Unprivileged)
            notes.Add(
                $"unprivileged is {(info.Config.Unprivileged ? 1 : 0)} but the spec says {(desired.Service.Unprivileged ? 1 : 0)}; that cannot change in place (rebuild the container)"
            );
        var grow = desired.DiskBytes > size ? new DiskGrowth(size, desired.DiskBytes) : null;
        var start = !info.IsRunning;
        var restart = info.IsRunning && ConfigDiff.NeedsRestart(changes);
        var configure = !observed.Configured.TryGetValue(desired.Ctid, out var done) || done != fingerprint;
        var netChanged = changes.Any(c => c.Key is "net0" or "hostname");
        var action =
            changes.Count > 0 || grow is not null || restart ? PlanAction.Update
            : start ? PlanAction.Start
            : configure ? PlanAction.Configure
            : PlanAction.None;
        return new ContainerPlan
        {
            Desired = desired,
            Action = action,
            Changes = changes,
            Grow = grow,
            Restart = restart,
            Start = start,
            Configure = configure,
            Check = action != PlanAction.None && (start || restart || configure || netChanged),
            Fingerprint = fingerprint,
            OwnerId = ownerId,
            Notes = notes,
        };
    }
}
