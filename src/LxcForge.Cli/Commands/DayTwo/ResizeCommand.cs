using System.ComponentModel;
using System.Globalization;
using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Safety;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// <c>lxcforge resize SERVICE [--memory MB] [--cores N] [--disk +10G|20G]</c>: vertical scaling (docs/fleet-design.md#scaling).
/// Updates the spec, then applies it — memory and cores live, disks grow only (a shrink is refused before
/// anything changes) — under a snapshot that is rolled back if the change fails.
/// </summary>
public sealed class ResizeCommand(CliConsole io) : WorkflowCommand<ResizeCommand.Settings>(io)
{
    public sealed class Settings : PlanSettings
    {
        [CommandOption("--memory <MB>")]
        public int? Memory { get; init; }

        [CommandOption("--cores <N>")]
        public int? Cores { get; init; }

        [CommandOption("--disk <SIZE>")]
        [Description("+10G grows by 10 GiB; 20G sets the size (never smaller than now)")]
        public string? Disk { get; init; }
    }

    protected override LoadedSpec Prepare(Settings settings, LoadedSpec spec)
    {
        if (settings.Services.Length != 1)
            throw new CliException("name exactly one service to resize");
        if (settings.Memory is null && settings.Cores is null && settings.Disk is null)
            throw new CliException("give --memory, --cores and/or --disk");
        _ = spec.Spec.FindService(settings.Services[0])
            ?? throw new CliException($"no service '{settings.Services[0]}' in the spec (replicas follow their service)");
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(Settings settings, CancellationToken cancellationToken)
    {
        var name = settings.Services[0];
        var service = Spec.Spec.FindService(name)!;
        var changes = new List<(string, string)>();
        if (settings.Memory is { } memory)
            changes.Add(("memory", memory.ToString(CultureInfo.InvariantCulture)));
        if (settings.Cores is { } cores)
            changes.Add(("cores", cores.ToString(CultureInfo.InvariantCulture)));
        if (settings.Disk is { } disk)
            changes.Add(("disk", await NewDiskAsync(Host, service.Ctid, service.Disk, disk, cancellationToken)));

        var updated = SpecFile.Set(Io, Output, Spec, name, [.. changes]);
        var safe = new SafeChange(Host, TimeProvider.System) { Log = Output.Note };
        return await safe.RunAsync(
            service.Ctid,
            "resize",
            async ct =>
            {
                var code = Summarise(await new DeployWorkflow(Workflow()).RunAsync(updated.Spec, [name], $"resize {name}", ct));
                return code == ExitCodes.Ok ? code : throw new HostException(HostErrorKind.TaskFailed, $"applying the new size to {name} failed");
            },
            cancellationToken
        );
    }

    /// <summary>The new absolute size; a shrink below the container's current disk is refused before anything changes.</summary>
    private static async Task<string> NewDiskAsync(IContainerHost host, int ctid, string specDisk, string wanted, CancellationToken cancellationToken)
    {
        if (!DiskSize.TryParse(wanted, out var relative, out var bytes))
            throw new CliException($"--disk {wanted}: not a size (+10G grows by 10 GiB, 20G sets 20 GiB)");
        var current = (await host.GetContainerAsync(ctid, cancellationToken))?.Config.RootFs?.SizeBytes ?? DiskSize.ParseBytes(specDisk);
        var target = relative ? current + bytes : bytes;
        if (target < current)
            throw new CliException(
                $"--disk {wanted}: CT {ctid}'s disk is {DiskSize.Format(current)}; disks cannot shrink (Proxmox refuses it: unable to shrink disk size). Nothing was changed."
            );
        return DiskSize.Format(target);
    }
}
