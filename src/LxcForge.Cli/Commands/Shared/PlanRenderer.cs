using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.Planning;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>Prints a plan Terraform-style (<c>+</c> create, <c>~</c> update, <c>&gt;</c> start/configure, <c>!</c> error) or as JSON.</summary>
internal static class PlanRenderer
{
    public static void Text(CliOutput o, DeployPlan plan, string host)
    {
        if (!plan.HasChanges && !plan.HasErrors)
        {
            o.Line($"No changes. The {plan.Items.Count} containers on {host} match the spec.");
            return;
        }

        o.Line($"LxcForge will perform these actions on {host}:");
        foreach (var item in plan.Items.Where(i => !i.IsNoop))
        {
            o.Line();
            o.Line($"  {Symbol(item.Action)} {item.Name} (CT {item.Ctid}, {item.Desired.Cidr}): {Headline(item)}");
            foreach (var change in item.Changes)
                o.Line($"      {change.Key}: {Show(change.Old)} → {Show(change.New)}");
            if (item.Grow is { } grow)
                o.Line($"      rootfs: {DiskSize.Format(grow.FromBytes)} → {DiskSize.Format(grow.ToBytes)} (grow)");
            foreach (var note in item.Notes)
                o.Line($"      note: {note}");
            if (Then(item) is { Length: > 0 } then)
                o.Line($"      then: {then}");
        }

        o.Line();
        o.Line(
            $"Plan: {plan.Count(PlanAction.Create)} to create, {plan.Count(PlanAction.Update)} to update, {plan.Count(PlanAction.Start)} to start, "
                + $"{plan.Count(PlanAction.Configure)} to configure, {plan.Count(PlanAction.Resume)} to resume, {plan.Count(PlanAction.Error)} with errors, {plan.Count(PlanAction.None)} unchanged."
        );
    }

    public static object Json(DeployPlan plan, string host) =>
        new
        {
            Host = host,
            plan.HasChanges,
            plan.HasErrors,
            Items = plan.Items.Select(i => new
            {
                Service = i.Name,
                i.Ctid,
                Ip = i.Desired.Cidr,
                i.Action,
                Clone = i.CloneFrom,
                Changes = i.Changes,
                Grow = i.Grow is { } g ? new { From = DiskSize.Format(g.FromBytes), To = DiskSize.Format(g.ToBytes) } : null,
                i.Restart,
                i.Start,
                i.Configure,
                i.Check,
                i.Error,
                i.Notes,
            }),
        };

    private static string Symbol(PlanAction action) =>
        action switch
        {
            PlanAction.Create => "+",
            PlanAction.Update => "~",
            PlanAction.Error => "!",
            _ => ">",
        };

    private static string Headline(ContainerPlan item) =>
        item.Action switch
        {
            PlanAction.Create =>
                $"create: full clone of template {item.CloneFrom!.TemplateName} (CT {item.CloneFrom.TemplateCtid}) to {item.CloneFrom.Storage}",
            PlanAction.Update => "update in place",
            PlanAction.Start => "start (it is stopped)",
            PlanAction.Configure => "configure the service (never done, or its inputs changed)",
            PlanAction.Resume => "finish the clone an interrupted run started",
            PlanAction.Error => $"error: {item.Error}",
            _ => "nothing",
        };

    private static string Then(ContainerPlan item) =>
        string.Join(
            ", ",
            new[]
            {
                item.Restart ? "restart" : null,
                item.Start && item.Action != PlanAction.Start ? "start" : null,
                item.Check || item.Configure ? "wait until ready" : null,
                item.Configure ? "configure the service" : null,
                item.Check || item.Configure ? "health check" : null,
            }.OfType<string>()
        );

    private static string Show(string? value) => value is null ? "(unset)" : $"\"{value.Replace("\n", "\\n", StringComparison.Ordinal)}\"";
}
