using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Commands.Templates;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Templates;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// <c>lxcforge demo</c>: the main job on a fresh simulated Proxmox host (<c>sim://</c>) with no set-up — build
/// the nine templates, deploy the nine services in parallel, print the summary. With <c>--host lxc://</c> the same
/// with real containers for PostgreSQL and Redis (<see cref="LxcDemo"/>).
/// </summary>
public sealed class DemoCommand(CliConsole io) : HostCommand<PlanSettings>(io)
{
    /// <summary>Without <c>--host</c>: a fresh simulator, forgotten afterwards (<c>LXCFORGE_HOST</c> is not consulted).</summary>
    protected override string? DefaultHost => "sim://";

    protected override LoadedSpec Prepare(PlanSettings settings, LoadedSpec loaded)
    {
        var kind = Address.Kind;
        if (kind is not (HostKind.Simulator or HostKind.Lxc))
            throw new CliException($"demo runs on the simulator (--host sim:// or sim://NAME) or on plain LXC (--host lxc://), not on {Address.Text}; use `lxcforge templates create --all` and `lxcforge deploy --all` for a Proxmox host");
        var spec = kind == HostKind.Lxc ? loaded with { Result = loaded.Result with { Spec = LxcDemo.Fleet(loaded.Spec) } } : loaded;
        if (kind == HostKind.Lxc && LxcDemo.Missing(spec.Spec) is { Count: > 0 } missing)
            throw new CliException($"demo --host {Address.Text} needs real containers, and this machine lacks: {string.Join("; ", missing)}", ExitCodes.HostUnreachable);
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var kind = Address.Kind;
        var session = DeploySession.Create(Session, spec.Spec, [], all: true, requireSelection: false);
        if (Host is Lxc.LxcHost lxc)
        {
            Output.Note($"plain LXC: the demo deploys {string.Join(" and ", LxcDemo.Services)}, whose servers Debian packages (the other seven need Proxmox and their community scripts)");
            await LxcDemo.EnsureOsTemplateAsync(lxc, spec.Spec, Output.Note, cancellationToken);
        }

        Output.Note(kind == HostKind.Lxc ? $"phase 1: the {spec.Spec.Templates.Count} templates, from {LxcDemo.OsTemplate}" : "phase 1: the nine templates, from the pinned community scripts (on the simulator: their labelled STAND-INs), one at a time");
        var builder = new TemplateBuilder(Host, Connection.NodeShell, TemplateScripts.Supply(Connection, spec, Io, Output.Detail), TimeProvider.System)
        {
            Log = Output.Detail,
        };
        foreach (var template in spec.Spec.Templates)
        {
            var built = await builder.BuildAsync(spec.Spec, template, force: false, cancellationToken);
            Output.Note($"  {template.Name,-18} CT {template.Ctid}  {built.Outcome.ToString().ToLowerInvariant(),-7} {built.Duration.TotalSeconds,5:0.0}s  {built.Message}");
            if (built.Outcome == TemplateBuildOutcome.Failed)
            {
                foreach (var line in built.LogTail)
                    Output.ErrorLine($"    {line}");
                throw new CliException($"template {template.Name} failed at {built.Step}: {built.Message}");
            }
        }

        Output.Note($"phase 2: the {spec.Spec.Services.Count} services, cloned, configured and checked in parallel");
        return await DeployCommand.RunPlanAsync(Io, Output, session, spec.Spec, "demo", cancellationToken);
    }
}
