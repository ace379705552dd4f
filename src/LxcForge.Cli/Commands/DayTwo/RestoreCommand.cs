using System.ComponentModel;
using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.Recovery;
using LxcForge.Core.Spec;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge restore SERVICE [--backup ID] [--as CTID --ip ADDR] [--force]</c>: a backup back into the
/// service's CTID (stopped, or with <c>--force</c>; never over a container LxcForge does not own; the old
/// container is backed up first and put back if the restore fails) or into a new CTID; then the spec's
/// network, hostname and settings are applied again (Proxmox's --unique rewrites netN), started and checked.
/// </summary>
public sealed class RestoreCommand(CliConsole io) : HostCommand<RestoreCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--backup <VOLID>")]
        [Description("The archive to restore (default: the service's newest, see `lxcforge backups list`)")]
        public string? Backup { get; init; }

        [CommandOption("--as <CTID>")]
        [Description("Restore a copy into this new CTID instead (give it its own --ip)")]
        public int? As { get; init; }

        [CommandOption("--ip <ADDR>")]
        [Description("With --as: the copy's address in the fleet subnet")]
        public string? Ip { get; init; }

        [CommandOption("--force")]
        [Description("Restore over the service even while it runs (it is stopped, backed up, then replaced)")]
        public bool Force { get; init; }
    }

    /// <summary>With <c>--as</c>, the copy joins the spec as a service of its own; checked before connecting.</summary>
    protected override LoadedSpec Prepare(Settings settings, LoadedSpec loaded)
    {
        if (settings.Services.Length != 1)
            throw new CliException("name exactly one service (or replica NAME-N) to restore");
        if (settings.As is not null && settings.Ip is null)
            throw new CliException("--as CTID needs --ip ADDR: the copy must not take the service's own address");
        var instance = ServiceSelection.Instances(loaded.Spec, settings.Services, all: false).First();
        var fleet = loaded.Spec;
        if (settings.As is { } copy)
        {
            // The copy is a service of its own for the rest of the run: same template, its CTID, address and hostname.
            fleet = fleet with
            {
                Services = [.. fleet.Services, instance.Service with { Name = ApplyAs(settings, instance), Ctid = copy, Ip = settings.Ip!, Hostname = $"{instance.Hostname}-restored", Replicas = null }],
            };
            if (Core.Spec.Validation.SpecValidator.Validate(fleet, Core.Spec.Validation.SpecSourceMap.Defaults) is { Count: > 0 } problems)
                throw new CliException(string.Join("; ", problems.Select(p => $"--as/--ip: {p.Path}: {p.Message}")) + "; nothing was changed");
        }

        return loaded with { Result = loaded.Result with { Spec = fleet } };
    }

    /// <summary>The service the spec is re-applied to afterwards: the one named, or the copy <c>--as</c> makes.</summary>
    private static string ApplyAs(Settings settings, Core.Spec.Replicas.ServiceInstance instance) =>
        settings.As is { } copy ? $"{instance.Name}-restored-{copy}" : settings.Services[0];

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var fleet = Spec.Spec;
        var instance = ServiceSelection.Instances(fleet, settings.Services, all: false).First();
        var target = settings.As ?? instance.Ctid;
        var session = DeploySession.Create(Session, fleet, [ApplyAs(settings, instance)], all: false, requireSelection: true);
        try
        {
            var outcome = await new RestoreService(Host) { Log = Output.Note }
                .RestoreAsync(fleet, instance.Ctid, target, settings.Backup, settings.Force, instance.Service.Node, cancellationToken);
            // What the archive holds is not the configuration LxcForge last applied: the re-apply below configures it again.
            State.ForgetConfigured(outcome.Ctid);
            Output.Note($"{instance.Name}: restored {outcome.Archive} into CT {outcome.Ctid}" + (outcome.SafetyBackup is { } s ? $" (the replaced container was saved as {s})" : ""));
        }
        catch (HostException e)
        {
            throw new CliException($"{instance.Name}: {e.Message}");
        }

        return await DeployCommand.RunPlanAsync(Io, Output, session, fleet, $"restore {instance.Name}", cancellationToken);
    }
}
