using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Backups;
using LxcForge.Core.Spec.Replicas;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge backups list [SERVICE]</c>: the backup catalogue, read from the backup storage itself so it
/// survives losing LxcForge's local state.
/// </summary>
public sealed class BackupsListCommand(CliConsole io) : HostCommand<BackupsListCommand.Settings>(io)
{
    public sealed class Settings : HostSettings
    {
        [CommandArgument(0, "[SERVICE]")]
        [Description("Only this service's backups (a replica as NAME-N)")]
        public string? Service { get; init; }
    }

    protected override bool UsesState => false;

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        Vmid(settings, ReplicaPlanner.Instances(spec.Spec));
        return spec;
    }

    private static int? Vmid(Settings settings, IReadOnlyList<ServiceInstance> instances) =>
        settings.Service is { } name ? instances.FirstOrDefault(i => i.Name == name)?.Ctid ?? throw new CliException($"no service '{name}' in the spec") : null;

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var instances = ReplicaPlanner.Instances(spec.Spec);
        var vmid = Vmid(settings, instances);
        var backups = await new BackupService(Host).ListAsync(spec.Spec, vmid, cancellationToken);
        var rows = backups
            .Select(b => new
            {
                Service = instances.FirstOrDefault(i => i.Ctid == b.Vmid)?.Name,
                b.Vmid,
                b.VolumeId,
                b.CreatedAt,
                b.SizeBytes,
                b.Protected,
                b.Notes,
            })
            .ToList();
        Output.Result(rows, o =>
            o.Table(
                ["Service", "CTID", "Created", "Size", "Volume"],
                rows.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Service ?? "-",
                            r.Vmid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                            r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                            $"{r.SizeBytes / 1048576.0:0.0} MiB",
                            r.VolumeId + (r.Protected ? " (protected)" : ""),
                        ]
                )
            )
        );
        return ExitCodes.Ok;
    }
}
