using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec.Replicas;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge scale SERVICE --replicas N</c>: the seed's horizontal scaling. Updates <c>replicas.count</c> in
/// the spec and applies it: new replicas are cloned with their own CTID and IP; scaling down removes only
/// LxcForge's own replicas, newest first, each backed up first unless <c>--no-backup</c>.
/// </summary>
public sealed class ScaleCommand(CliConsole io) : LxcForgeCommand<ScaleCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--replicas <N>")]
        [Description("How many replicas besides the primary")]
        public int? Replicas { get; init; }

        [CommandOption("--no-backup")]
        [Description("Remove surplus replicas without backing them up first")]
        public bool NoBackup { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Services.Length != 1 || settings.Replicas is not { } count)
            throw new CliException("usage: lxcforge scale SERVICE --replicas N");
        var loaded = LoadSpec(settings);
        var name = settings.Services[0];
        var service = loaded.Spec.FindService(name) ?? throw new CliException($"no service '{name}' in the spec");
        var planned = ReplicaPlanner.Plan(loaded.Spec, service, count);
        if (!planned.IsComplete)
            throw new CliException(string.Join("; ", planned.Problems.Select(p => $"services.{name}.{p.Field}: {p.Message}")) + "; nothing was changed");

        var before = ReplicaPlanner.Plan(loaded.Spec, service).Instances;
        var updated = SpecFile.Set(Io, Output, loaded, name, ("replicas.count", count.ToString(CultureInfo.InvariantCulture)));
        await using var session = await DeploySession.OpenAsync(Io, Output, updated.Spec, settings, requireSelection: true, parallel: null, cancellationToken);
        var host = session.Connection.Host;

        // Surplus: replicas the old spec had that the new one does not, newest (highest ordinal) first.
        var keep = planned.Instances.Select(i => i.Ctid).ToHashSet();
        var surplus = before.Where(i => i.IsReplica && !keep.Contains(i.Ctid)).OrderByDescending(i => i.Ordinal).ToList();
        var removable = new List<(ServiceInstance Instance, ContainerInfo Container)>();
        foreach (var instance in surplus)
        {
            var ct = await host.GetContainerAsync(instance.Ctid, cancellationToken);
            if (ct is null)
                continue;
            if (!OwnershipMarker.IsOwned(ct, instance.Name) || ct.Config.Protection)
                Output.ErrorLine($"{instance.Name}: CT {instance.Ctid} is {(ct.Config.Protection ? "protected" : "not LxcForge's")}; left in place");
            else
                removable.Add((instance, ct));
        }

        if (removable.Count > 0 && !Confirm(settings, $"Remove {string.Join(", ", removable.Select(r => $"{r.Instance.Name} (CT {r.Instance.Ctid})"))}{(settings.NoBackup ? " WITHOUT a backup" : " after a backup")}?"))
            throw new CliException("not confirmed; the spec says the new count but nothing was removed");

        foreach (var (instance, ct) in removable)
        {
            if (!settings.NoBackup)
            {
                var backup = await new BackupService(host).BackupAsync(updated.Spec, instance.Ctid, null, cancellationToken);
                Output.Note($"{instance.Name}: backed up to {backup.Backup.VolumeId}");
            }

            if ((await host.GetContainerAsync(ct.Vmid, cancellationToken))?.IsRunning == true)
                await host.StopAsync(ct.Vmid, cancellationToken);
            await host.DestroyAsync(ct.Vmid, force: false, purge: true, cancellationToken);
            session.State.ForgetConfigured(DeploySession.StateKey(Io, settings.Host), ct.Vmid);
            Output.Note($"{instance.Name}: CT {ct.Vmid} removed");
        }

        return await DeployCommand.RunPlanAsync(Io, Output, session, updated.Spec, DeploySession.StateKey(Io, settings.Host), $"scale {name} --replicas {count}", cancellationToken);
    }
}
