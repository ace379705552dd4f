using System.Globalization;
using System.Text;
using LxcForge.Core.Catalog;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;
using LxcForge.Simulator.StandInScripts;

namespace LxcForge.Testing.Simulation;

/// <summary>
/// SIMULATOR ONLY, a shortcut for tests and benchmarks: makes the fleet's templates straight from the host's
/// Debian OS template instead of through <c>templates create</c> — create on the template storage, start, run
/// the service's stand-in install script (the one the stand-in community script runs, so its stand-in clients
/// are defined once, in <c>src/LxcForge.Simulator/StandInScripts/install/</c>), stop, mark as LxcForge's,
/// convert to a template. Templates that already exist are kept.
/// </summary>
public sealed class StandInTemplates(IContainerHost host, Action<string>? log = null)
{
    public async Task BuildAsync(FleetSpec fleet, CancellationToken cancellationToken = default)
    {
        var node = fleet.Nodes.FirstOrDefault() ?? (await host.GetInfoAsync(cancellationToken)).Nodes[0].Name;
        var osTemplate = await DebianAsync(node, fleet.Storage.OsTemplates, cancellationToken);
        await Task.WhenAll(fleet.Templates.Select(t => BuildOneAsync(fleet, t, node, osTemplate, cancellationToken)));
    }

    private async Task<string> DebianAsync(string node, string storage, CancellationToken ct)
    {
        var present = await host.GetOsTemplatesAsync(node, storage, ct);
        if (present.FirstOrDefault(t => t.Name.StartsWith("debian-", StringComparison.Ordinal)) is { } found)
            return found.VolumeId;
        var available = (await host.GetAvailableOsTemplatesAsync(node, ct)).FirstOrDefault(n => n.StartsWith("debian-", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no Debian OS template on {storage} and none to download");
        log?.Invoke($"downloading {available} to {storage}");
        await host.DownloadOsTemplateAsync(node, storage, available, ct);
        return (await host.GetOsTemplatesAsync(node, storage, ct)).First(t => t.Name.StartsWith("debian-", StringComparison.Ordinal)).VolumeId;
    }

    private async Task BuildOneAsync(FleetSpec fleet, TemplateSpec template, string node, string osTemplate, CancellationToken ct)
    {
        if (await host.GetContainerAsync(template.Ctid, ct) is { } existing)
        {
            if (!existing.IsTemplate)
                throw new InvalidOperationException(
                    $"CT {template.Ctid} exists and is not a template; remove it or choose another CTID for template '{template.Name}'"
                );
            log?.Invoke($"template {template.Name} (CT {template.Ctid}) exists");
            return;
        }

        var diskGb = Math.Max(1, DiskSize.ParseBytes(template.Disk ?? "4G") / DiskSize.GiB(1));
        var definition = ServiceRegistry.Find(template.ServiceKey)?.Definition
            ?? throw new InvalidOperationException(
                $"template '{template.Name}': stand-in templates exist only for built-in services, not '{template.ServiceKey}'"
            );
        var options = new Dictionary<string, string>
        {
            ["hostname"] = template.Hostname ?? $"{template.Name}-template",
            ["cores"] = (template.Cores ?? 1).ToString(CultureInfo.InvariantCulture),
            ["memory"] = (template.Memory ?? 512).ToString(CultureInfo.InvariantCulture),
            ["rootfs"] = $"{fleet.Storage.Templates}:{diskGb.ToString(CultureInfo.InvariantCulture)}",
            ["net0"] = $"name=eth0,bridge={fleet.Network.TemplateBridge},ip=dhcp",
            ["unprivileged"] = "1",
            ["tags"] = "stand-in",
        };
        if (definition.NeedsNesting || definition.NeedsKeyctl)
            options["features"] = string.Join(
                ',',
                new[] { definition.NeedsKeyctl ? "keyctl=1" : null, definition.NeedsNesting ? "nesting=1" : null }.OfType<string>()
            );
        log?.Invoke($"creating stand-in template {template.Name} (CT {template.Ctid}) from {osTemplate}");
        await host.CreateAsync(new CreateContainerRequest(template.Ctid, node, osTemplate, fleet.Storage.Templates) { Options = options }, ct);
        await host.StartAsync(template.Ctid, ct);
        var answers = definition.StdinAnswers.Count == 0 ? null : string.Concat(definition.StdinAnswers.Select(a => a + "\n"));
        var install = await host.ExecAsync(template.Ctid, ExecRequest.Shell(await InstallScriptAsync(template, definition, ct), answers), ct);
        if (!install.Succeeded)
            throw new InvalidOperationException($"stand-in install in CT {template.Ctid} failed (exit {install.ExitCode}): {install.StandardError.Trim()}");
        await host.StopAsync(template.Ctid, ct);
        await host.UpdateConfigAsync(
            template.Ctid,
            new ConfigChange
            {
                Set = new Dictionary<string, string>
                {
                    ["description"] =
                        $"{OwnershipMarker.TemplateLine(template.Ctid)}\ntemplate: {template.Name}\nSTAND-IN template for the simulator, built by LxcForge's test helper StandInTemplates (no real service inside)\n",
                    ["tags"] = OwnershipMarker.MarkTags("stand-in"),
                },
            },
            ct
        );
        await host.ConvertToTemplateAsync(template.Ctid, ct);
        log?.Invoke($"template {template.Name} (CT {template.Ctid}) ready");
    }

    /// <summary>
    /// The stand-in install script as the stand-in <c>build.func</c> runs it inside the container: with
    /// <c>FUNCTIONS_FILE_PATH</c> holding <c>misc/install.func</c>, and the application's name and CTID exported.
    /// </summary>
    private static async Task<string> InstallScriptAsync(TemplateSpec template, ServiceDefinition definition, CancellationToken ct)
    {
        var origin = new StandInScriptOrigin();
        async Task<string> ReadAsync(string path) =>
            Encoding.UTF8.GetString(await origin.ReadAsync(path, ct) ?? throw new InvalidOperationException($"the stand-in scripts have no {path}"));
        var functions = await ReadAsync("misc/install.func");
        var install = await ReadAsync(definition.InstallScript);
        return $"""
            FUNCTIONS_FILE_PATH=$(cat <<'LXCFORGE_INSTALL_FUNC'
            {functions.TrimEnd()}
            LXCFORGE_INSTALL_FUNC
            )
            APPLICATION='{definition.DisplayName.Replace("'", "'\\''", StringComparison.Ordinal)}' CTID={template.Ctid.ToString(CultureInfo.InvariantCulture)}
            export FUNCTIONS_FILE_PATH APPLICATION CTID
            {install}
            """;
    }
}
