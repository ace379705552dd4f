using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Commands.Templates;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Templates;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// <c>lxcforge demo</c>: the main job on a fresh simulated Proxmox host (<c>sim://</c>) with no set-up — build
/// the fleet's templates, deploy its services in parallel (by default every built-in service), print the summary. With <c>--host lxc://</c> the same
/// with real containers for PostgreSQL and Redis (<see cref="LxcDemo"/>).
/// </summary>
public sealed class DemoCommand(CliConsole io) : LxcForgeCommand<PlanSettings>(io)
{
    protected override async Task<int> RunAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var loaded = LoadSpec(settings);
        var demo = new PlanSettings { Host = settings.Host ?? "sim://", File = settings.File, Output = settings.Output, Verbose = settings.Verbose, Yes = settings.Yes };
        var kind = HostAddress.Parse(demo.Host!).Kind;
        if (kind is not (HostKind.Simulator or HostKind.Lxc))
            throw new CliException($"demo runs on the simulator (--host sim:// or sim://NAME) or on plain LXC (--host lxc://), not on {demo.Host}; use `lxcforge templates create --all` and `lxcforge deploy --all` for a Proxmox host");
        var spec = kind == HostKind.Lxc ? loaded with { Result = loaded.Result with { Spec = LxcDemo.Fleet(loaded.Spec) } } : loaded;
        if (kind == HostKind.Lxc && LxcDemo.Missing(spec.Spec) is { Count: > 0 } missing)
            throw new CliException($"demo --host {demo.Host} needs real containers, and this machine lacks: {string.Join("; ", missing)}", ExitCodes.HostUnreachable);
        await using var session = await DeploySession.OpenAsync(Io, Output, spec.Spec, demo, requireSelection: false, parallel: null, cancellationToken);
        if (session.Connection.Host is Lxc.LxcHost lxc)
        {
            Output.Note($"plain LXC: the demo deploys {string.Join(" and ", LxcDemo.Services)}, whose servers Debian packages (the other built-in services need Proxmox and their community scripts)");
            await LxcDemo.EnsureOsTemplateAsync(lxc, spec.Spec, Output.Note, cancellationToken);
        }

        Output.Note(kind == HostKind.Lxc ? $"phase 1: the {spec.Spec.Templates.Count} templates, from {LxcDemo.OsTemplate}" : $"phase 1: the {spec.Spec.Templates.Count} templates, from the pinned community scripts (on the simulator: their labelled STAND-INs), one at a time");
        var builder = new TemplateBuilder(session.Connection.Host, session.Connection.NodeShell, TemplateScripts.Supply(session.Connection, spec, Io, Output.Detail), TimeProvider.System)
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
        var host = DeploySession.StateKey(Io, demo.Host);
        return await DeployCommand.RunPlanAsync(Io, Output, session, spec.Spec, host, "demo", cancellationToken);
    }
}
