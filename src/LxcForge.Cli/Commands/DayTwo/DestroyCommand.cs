using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge destroy SERVICE…</c>: removes the services' containers — only ones LxcForge owns, never a
/// protected one, and only after confirmation (or <c>--yes</c>). Backups stay on the backup storage.
/// </summary>
public sealed class DestroyCommand(CliConsole io) : LxcForgeCommand<DestroyCommand.Settings>(io)
{
    public sealed class Settings : HostSettings
    {
        [CommandArgument(0, "<SERVICE>")]
        [Description("Services to remove (a service name removes its replicas too; NAME-N removes one replica)")]
        public string[] Services { get; init; } = [];
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var spec = LoadSpec(settings);
        var instances = ServiceSelection.Instances(spec.Spec, settings.Services, all: false);
        await using var connection = await new HostFactory(Io).ConnectAsync(settings, cancellationToken);
        foreach (var notice in connection.Notices)
            Output.Note(notice);

        var targets = new List<(string Name, ContainerInfo Container)>();
        var refused = new List<string>();
        foreach (var instance in instances)
        {
            var ct = await connection.Host.GetContainerAsync(instance.Ctid, cancellationToken);
            if (ct is null)
                continue;
            if (!OwnershipMarker.IsOwned(ct, instance.Name))
                refused.Add($"{instance.Name}: CT {instance.Ctid} ('{ct.Summary.Name}') is not LxcForge's; left untouched");
            else if (ct.Config.Protection)
                refused.Add($"{instance.Name}: CT {instance.Ctid} is protected (protection: 1); left untouched");
            else
                targets.Add((instance.Name, ct));
        }

        foreach (var r in refused)
            Output.ErrorLine(r);
        if (targets.Count == 0)
        {
            Output.Line(refused.Count == 0 ? "nothing to destroy" : "nothing destroyed");
            return refused.Count == 0 ? ExitCodes.Ok : ExitCodes.StepFailed;
        }

        var list = string.Join(", ", targets.Select(t => $"{t.Name} (CT {t.Container.Vmid})"));
        if (!Confirm(settings, $"Destroy {list}? Their disks are deleted; backups are kept."))
            throw new CliException("not confirmed; nothing destroyed (give --yes to skip the question)");

        var destroyed = new List<object>();
        using var state = Commands.Deploy.DeploySession.OpenState(Io);
        var key = Commands.Deploy.DeploySession.StateKey(Io, settings.Host);
        foreach (var (name, ct) in targets)
        {
            if (ct.IsRunning)
                await connection.Host.StopAsync(ct.Vmid, cancellationToken);
            await connection.Host.DestroyAsync(ct.Vmid, force: false, purge: true, cancellationToken);
            state.ForgetConfigured(key, ct.Vmid);
            destroyed.Add(new { Service = name, Ctid = ct.Vmid });
            Output.Note($"[{name}] CT {ct.Vmid.ToString(CultureInfo.InvariantCulture)} destroyed");
        }

        Output.Result(new { Destroyed = destroyed, Refused = refused }, o => o.Line($"destroyed {destroyed.Count} container(s)"));
        return refused.Count == 0 ? ExitCodes.Ok : ExitCodes.StepFailed;
    }
}
