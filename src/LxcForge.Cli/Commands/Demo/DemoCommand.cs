using LxcForge.Cli.Commands.Shared;
using LxcForge.Cli.Commands.Templates;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Provisioning;
using LxcForge.Core.Templates;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// <c>lxcforge demo</c>: the main job on a fresh simulated Proxmox host (<c>sim://</c>) with no set-up — build
/// the fleet's templates, deploy its services in parallel (by default every built-in service), print the summary. With <c>--host lxc://</c> the same
/// with real containers for PostgreSQL and Redis (<see cref="LxcDemo"/>).
/// </summary>
public sealed class DemoCommand(CliConsole io) : WorkflowCommand<PlanSettings>(io)
{
    /// <summary>Without <c>--host</c>: a fresh simulator, forgotten afterwards (<c>LXCFORGE_HOST</c> is not consulted).</summary>
    protected override string? DefaultHost => "sim://";

    protected override LoadedSpec Prepare(PlanSettings settings, LoadedSpec loaded)
    {
        var kind = Address.Kind;
        if (kind is not (HostKind.Simulator or HostKind.Lxc))
            throw new CliException(
                $"demo runs on the simulator (--host sim:// or sim://NAME) or on plain LXC (--host lxc://), not on {Address.Text}; use `lxcforge templates create --all` and `lxcforge deploy --all` for a Proxmox host"
            );
        var spec = kind == HostKind.Lxc ? loaded with { Result = loaded.Result with { Spec = LxcDemo.Fleet(loaded.Spec) } } : loaded;
        if (kind == HostKind.Lxc && LxcDemo.Missing(spec.Spec) is { Count: > 0 } missing)
            throw new CliException(
                $"demo --host {Address.Text} needs real containers, and this machine lacks: {string.Join("; ", missing)}",
                ExitCodes.HostUnreachable
            );
        return spec;
    }

    protected override async Task<int> RunOnHostAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        var fleet = Spec.Spec;
        if (Host is Lxc.LxcHost lxc)
        {
            Output.Note(
                $"plain LXC: the demo deploys {string.Join(" and ", LxcDemo.Services)}, whose servers Debian packages (the other built-in services need Proxmox and their community scripts)"
            );
            await LxcDemo.EnsureOsTemplateAsync(lxc, fleet, Output.Note, cancellationToken);
        }

        Output.Note(
            Address.Kind == HostKind.Lxc
                ? $"phase 1: the {fleet.Templates.Count} templates, from {LxcDemo.OsTemplate}"
                : $"phase 1: the {fleet.Templates.Count} templates, from the pinned community scripts (on the simulator: their labelled STAND-INs), one at a time"
        );
        var builder = new TemplateBuilder(Host, Connection.NodeShell, TemplateScripts.Supply(Connection, Spec, Io, Output.Detail), TimeProvider.System)
        {
            Log = Output.Detail,
        };
        var result = await new ProvisionWorkflow(Workflow(), builder)
        {
            TemplateBuilt = built =>
                Output.Note(
                    $"  {built.Template, -18} CT {built.Ctid}  {built.Outcome.ToString().ToLowerInvariant(), -7} {built.Duration.TotalSeconds, 5:0.0}s  {built.Message}"
                ),
            ServicesStarting = () => Output.Note($"phase 2: the {fleet.Services.Count} services, cloned, configured and checked in parallel"),
        }.RunAsync(fleet, "demo", cancellationToken);
        if (result.FailedTemplate is { } failed)
        {
            foreach (var line in failed.LogTail)
                Output.ErrorLine($"    {line}");
            throw new CliException($"template {failed.Template} failed at {failed.Step}: {failed.Message}");
        }

        return Summarise(result.Deploy!);
    }
}
