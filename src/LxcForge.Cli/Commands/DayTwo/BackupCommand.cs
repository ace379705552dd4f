using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge backup [SERVICE…|--all] [--mode snapshot|suspend|stop]</c>: vzdump to the spec's backup store,
/// the best mode the storage allows by default, retention applied after each successful backup only.
/// </summary>
public sealed class BackupCommand(CliConsole io) : HostCommand<BackupCommand.Settings>(io)
{
    public sealed class Settings : HostSettings
    {
        [CommandArgument(0, "[SERVICE]")]
        public string[] Services { get; init; } = [];

        [CommandOption("--all")]
        [Description("Back up every service (and replica) of the spec that exists")]
        public bool All { get; init; }

        [CommandOption("--mode <MODE>")]
        [Description("snapshot, suspend or stop (default: the spec's, else the best the storage allows)")]
        public string? Mode { get; init; }
    }

    private sealed record Row(string Service, int Ctid, string Result, string? Archive, string? Mode, int Pruned, string? Error);

    protected override bool UsesState => false;

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        Mode(settings);
        ServiceSelection.Instances(spec.Spec, settings.Services, settings.All);
        return spec;
    }

    private static BackupMode? Mode(Settings settings)
    {
        try
        {
            return BackupService.ParseMode(settings.Mode);
        }
        catch (FormatException e)
        {
            throw new CliException($"--mode: {e.Message}");
        }
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var mode = Mode(settings);
        var instances = ServiceSelection.Instances(spec.Spec, settings.Services, settings.All);
        var service = new BackupService(Host);
        var rows = new List<Row>();
        foreach (var instance in instances)
        {
            if (await Host.GetContainerAsync(instance.Ctid, cancellationToken) is null)
            {
                if (!settings.All)
                    rows.Add(new Row(instance.Name, instance.Ctid, "FAILED", null, null, 0, $"CT {instance.Ctid} does not exist (deploy it first)"));
                continue;
            }

            try
            {
                Output.Note($"[{instance.Name}] backing up CT {instance.Ctid} to {spec.Spec.Storage.Backups}…");
                var outcome = await service.BackupAsync(spec.Spec, instance.Ctid, mode, cancellationToken);
                rows.Add(
                    new Row(instance.Name, instance.Ctid, "ok", outcome.Backup.VolumeId, outcome.Mode.ToString().ToLowerInvariant(), outcome.Pruned.Count, null)
                );
            }
            catch (HostException e)
            {
                rows.Add(new Row(instance.Name, instance.Ctid, "FAILED", null, null, 0, e.Message));
            }
        }

        Output.Result(rows, o =>
        {
            o.Table(
                ["Service", "CTID", "Result", "Mode", "Archive", "Pruned"],
                rows.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Service,
                            r.Ctid.ToString(CultureInfo.InvariantCulture),
                            r.Error is null ? r.Result : $"{r.Result}: {r.Error}",
                            r.Mode ?? "-",
                            r.Archive ?? "-",
                            r.Pruned.ToString(CultureInfo.InvariantCulture),
                        ]
                )
            );
        });
        return rows.Any(r => r.Error is not null) ? ExitCodes.StepFailed : ExitCodes.Ok;
    }
}
