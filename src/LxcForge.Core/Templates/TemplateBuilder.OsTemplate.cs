using System.Globalization;
using LxcForge.Core.Catalog;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Templates;

/// <summary>The OS-template path: no third-party scripts, an OS template plus provisioning steps.</summary>
public sealed partial class TemplateBuilder
{
    /// <summary>How long a fresh container may take to accept exec after start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    private async Task<TemplateBuildRecord> BuildFromOsTemplateAsync(
        FleetSpec fleet,
        TemplateSpec template,
        string node,
        List<int> created,
        CancellationToken cancellationToken
    )
    {
        var definition = ServiceRegistry.Find(template.ServiceKey)?.Definition;
        var storage = fleet.Storage.OsTemplates;
        var volume = await EnsureOsTemplateAsync(node, storage, template.Source.OsTemplate, cancellationToken);
        var disk = template.Disk is { } d ? DiskSize.ParseBytes(d) : DiskSize.GiB(definition?.DiskGb ?? 4);
        var features = new ContainerFeatures { Nesting = true, Keyctl = definition?.NeedsKeyctl ?? false };

        Say(template, $"creating CT {template.Ctid} from {volume} on {fleet.Storage.Templates}");
        var options = new Dictionary<string, string>
        {
            ["hostname"] = template.Hostname ?? $"{template.Name}-template",
            ["cores"] = (template.Cores ?? definition?.Cores ?? 1).ToString(CultureInfo.InvariantCulture),
            ["memory"] = (template.Memory ?? definition?.MemoryMb ?? 512).ToString(CultureInfo.InvariantCulture),
            ["rootfs"] = $"{fleet.Storage.Templates}:{Math.Max(1, disk / DiskSize.GiB(1))}",
            ["net0"] = new NetworkInterface("eth0") { Bridge = fleet.Network.TemplateBridge, Ip = "dhcp" }.ToString(),
            ["unprivileged"] = "1",
            ["features"] = features.ToString(),
            ["tags"] = OwnershipMarker.Tag,
            ["description"] = OwnershipMarker.TemplateLine(template.Ctid),
        };
        created.Add(template.Ctid);
        await host.CreateAsync(new CreateContainerRequest(template.Ctid, node, volume, fleet.Storage.Templates) { Options = options }, cancellationToken);
        await host.StartAsync(template.Ctid, cancellationToken);
        await new Polling(time, new DeployOptions()).UntilAsync(
            async ct =>
            {
                var result = await host.ExecAsync(template.Ctid, new ExecRequest(["true"]), ct);
                return (result.Succeeded, result.StandardError);
            },
            StartTimeout,
            $"CT {template.Ctid} accepting commands",
            cancellationToken
        );

        await ProvisionAsync(template, cancellationToken);
        return new TemplateBuildRecord(template.Name, $"os-template {volume}", time.GetUtcNow());
    }

    private async Task<string> EnsureOsTemplateAsync(string node, string storage, string? wanted, CancellationToken cancellationToken)
    {
        var present = await host.GetOsTemplatesAsync(node, storage, cancellationToken);
        var match = present.FirstOrDefault(t => wanted is null ? t.Name.StartsWith("debian-12-standard_", StringComparison.Ordinal) : t.Name == wanted);
        if (match is not null)
            return match.VolumeId;

        var available = await host.GetAvailableOsTemplatesAsync(node, cancellationToken);
        var name = wanted
            ?? available.Where(a => a.StartsWith("debian-12-standard_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new TemplateBuildException("os-template", $"no debian-12 OS template is available on {node}");
        if (!available.Contains(name))
            throw new TemplateBuildException("os-template", $"OS template '{name}' is neither on {storage} nor available for download");
        await host.DownloadOsTemplateAsync(node, storage, name, cancellationToken);
        var after = await host.GetOsTemplatesAsync(node, storage, cancellationToken);
        return after.FirstOrDefault(t => t.Name == name)?.VolumeId
            ?? throw new TemplateBuildException("os-template", $"download of '{name}' to {storage} did not leave the file there");
    }

    private async Task ProvisionAsync(TemplateSpec template, CancellationToken cancellationToken)
    {
        var provision = template.Source.Provision;
        foreach (var file in provision.Files)
        {
            var dir = file.Path[..Math.Max(1, file.Path.LastIndexOf('/'))];
            await RunStepAsync(
                template,
                $"write {file.Path}",
                new ExecRequest(["sh", "-c", "mkdir -p -- \"$1\" && cat >\"$2\" && chmod -- \"$3\" \"$2\"", "sh", dir, file.Path, file.Mode])
                {
                    StandardInput = file.Content,
                },
                cancellationToken
            );
        }

        if (provision.Packages.Count > 0)
        {
            await RunStepAsync(
                template,
                "install packages",
                new ExecRequest(["sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \"$@\"", "sh", .. provision.Packages])
                {
                    Timeout = TimeSpan.FromMinutes(20),
                },
                cancellationToken
            );
        }

        foreach (var command in provision.Commands)
            await RunStepAsync(template, command, ExecRequest.Shell(command), cancellationToken);
    }

    private async Task RunStepAsync(TemplateSpec template, string what, ExecRequest request, CancellationToken cancellationToken)
    {
        Say(template, $"provision: {what}");
        var result = await host.ExecAsync(template.Ctid, request, cancellationToken);
        if (!result.Succeeded)
        {
            var tail = (result.StandardOutput + "\n" + result.StandardError).Split('\n').Where(l => l.Length > 0).TakeLast(20).ToList();
            throw new TemplateBuildException("provision", $"'{what}' exited {result.ExitCode} in CT {template.Ctid}") { LogTail = tail };
        }
    }
}
