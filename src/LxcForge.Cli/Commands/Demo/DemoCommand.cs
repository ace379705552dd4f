using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// <c>lxcforge demo</c>: the main job on a fresh simulated Proxmox host (<c>sim://</c>) with no set-up — build
/// the nine templates, deploy the nine services in parallel, print the summary.
/// </summary>
public sealed class DemoCommand(CliConsole io) : LxcForgeCommand<PlanSettings>(io)
{
    protected override async Task<int> RunAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var spec = LoadSpec(settings);
        var demo = new PlanSettings { Host = settings.Host ?? "sim://", File = settings.File, Output = settings.Output, Verbose = settings.Verbose, Yes = settings.Yes };
        if (HostAddress.Parse(demo.Host!).Kind != HostKind.Simulator)
            throw new CliException($"demo runs on the simulator only (--host sim:// or sim://NAME), not on {demo.Host}; use `lxcforge deploy --all` for a real host");
        await using var session = await DeploySession.OpenAsync(Io, Output, spec.Spec, demo, requireSelection: false, parallel: null, cancellationToken);
        Output.Note("templates: built straight from the Debian OS template with labelled STAND-IN clients (simulator only; no real services run here)");
        await new StandInTemplates(session.Connection.Host, Output.Note).BuildAsync(spec.Spec, cancellationToken);
        var host = DeploySession.StateKey(Io, demo.Host);
        return await DeployCommand.RunPlanAsync(Io, Output, session, spec.Spec, host, "demo", cancellationToken);
    }
}
