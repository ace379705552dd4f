using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Recovery;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge recover SERVICE</c>: the seed's "container failure". With a backup: restore the newest one over
/// the failed container (which is saved first). Without one: remove the failed container and clone the
/// template again. Either way the spec is applied again and the service checked.
/// </summary>
public sealed class RecoverCommand(CliConsole io) : LxcForgeCommand<PlanSettings>(io)
{
    protected override async Task<int> RunAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Services.Length != 1)
            throw new CliException("name exactly one service (or replica NAME-N) to recover");
        var loaded = LoadSpec(settings);
        var instance = ServiceSelection.Instances(loaded.Spec, settings.Services, all: false).First();
        await using var session = await DeploySession.OpenAsync(Io, Output, loaded.Spec, settings, requireSelection: true, parallel: null, cancellationToken);
        var host = session.Connection.Host;
        var restore = new RestoreService(host) { Log = Output.Note };
        var existing = await host.GetContainerAsync(instance.Ctid, cancellationToken);
        if (existing is not null && !OwnershipMarker.IsOwned(existing, instance.Name))
            throw new CliException($"{instance.Name}: CT {instance.Ctid} is not LxcForge's; left untouched");

        try
        {
            if (await restore.NewestAsync(loaded.Spec, instance.Ctid, cancellationToken) is { } newest)
            {
                Output.Note($"{instance.Name}: restoring the newest backup {newest.VolumeId}");
                await restore.RestoreAsync(loaded.Spec, instance.Ctid, instance.Ctid, newest.VolumeId, force: true, instance.Service.Node, cancellationToken);
                session.State.ForgetConfigured(DeploySession.StateKey(Io, settings.Host), instance.Ctid);
            }
            else if (existing is not null)
            {
                if (!Confirm(settings, $"{instance.Name} has no backup: remove CT {instance.Ctid} and clone its template again (its data is lost)?"))
                    throw new CliException("not confirmed; nothing was changed");
                if (existing.IsRunning)
                    await host.StopAsync(instance.Ctid, cancellationToken);
                await host.DestroyAsync(instance.Ctid, force: false, purge: true, cancellationToken);
                session.State.ForgetConfigured(DeploySession.StateKey(Io, settings.Host), instance.Ctid);
            }
        }
        catch (HostException e)
        {
            throw new CliException($"{instance.Name}: {e.Message}");
        }

        return await DeployCommand.RunPlanAsync(Io, Output, session, loaded.Spec, DeploySession.StateKey(Io, settings.Host), $"recover {instance.Name}", cancellationToken);
    }
}
