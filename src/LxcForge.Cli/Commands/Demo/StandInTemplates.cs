using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// SIMULATOR ONLY, until <c>templates create</c> builds them: makes the fleet's templates straight from the
/// host's Debian OS template — create on the template storage, start, write the <see cref="StandInClients"/>,
/// stop, mark as LxcForge's, convert to a template. Templates that already exist are kept.
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
                throw new InvalidOperationException($"CT {template.Ctid} exists and is not a template; remove it or choose another CTID for template '{template.Name}'");
            log?.Invoke($"template {template.Name} (CT {template.Ctid}) exists");
            return;
        }

        var diskGb = Math.Max(1, DiskSize.ParseBytes(template.Disk ?? "4G") / DiskSize.GiB(1));
        var needsDocker = template.ServiceKey is "docker" or "homeassistant";
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
        if (needsDocker)
            options["features"] = "keyctl=1,nesting=1";
        log?.Invoke($"creating stand-in template {template.Name} (CT {template.Ctid}) from {osTemplate}");
        await host.CreateAsync(new CreateContainerRequest(template.Ctid, node, osTemplate, fleet.Storage.Templates) { Options = options }, ct);
        await host.StartAsync(template.Ctid, ct);
        var install = await host.ExecAsync(template.Ctid, ExecRequest.Shell(StandInClients.For(template.ServiceKey)), ct);
        if (!install.Succeeded)
            throw new InvalidOperationException($"stand-in install in CT {template.Ctid} failed (exit {install.ExitCode}): {install.StandardError.Trim()}");
        await host.StopAsync(template.Ctid, ct);
        await host.UpdateConfigAsync(template.Ctid, new ConfigChange
        {
            Set = new Dictionary<string, string>
            {
                ["description"] = $"{OwnershipMarker.TemplateLine(template.Ctid)}\ntemplate: {template.Name}\nSTAND-IN template for the simulator, built by lxcforge demo (no real service inside)\n",
                ["tags"] = OwnershipMarker.MarkTags("stand-in"),
            },
        }, ct);
        await host.ConvertToTemplateAsync(template.Ctid, ct);
        log?.Invoke($"template {template.Name} (CT {template.Ctid}) ready");
    }
}
