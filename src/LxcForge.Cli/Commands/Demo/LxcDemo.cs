using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Lxc;
using LxcForge.Lxc.Templates;

namespace LxcForge.Cli.Commands.Demo;

/// <summary>
/// <c>demo --host lxc://</c>: the fleet design's workflow (docs/fleet-design.md) with real containers on a Linux box without Proxmox, for the
/// two services whose servers Debian packages: PostgreSQL and Redis. Their OS template is built once with
/// debootstrap on the host (servers included, so the containers need no internet); the other built-in services come from
/// community scripts that download inside a Proxmox container, which plain LXC here does not give them.
/// </summary>
public static class LxcDemo
{
    /// <summary>The OS template the demo builds on the spec's OS-template storage (kept: later demos reuse it).</summary>
    public const string OsTemplate = "debian-12-lxcforge-demo_12.0-1_amd64.tar.zst";

    public static readonly string[] Services = ["postgresql", "redis"];

    private static readonly string[] Packages = ["postgresql", "redis-server"];

    /// <summary>What this machine lacks for the demo, each with how to get it; empty when it can run.</summary>
    public static IReadOnlyList<string> Missing(FleetSpec fleet)
    {
        var problems = Preflight.Problems(needDebootstrap: true).ToList();
        var bridge = fleet.Network.Bridge;
        if (OperatingSystem.IsLinux() && !Directory.Exists($"/sys/class/net/{bridge}/bridge"))
            problems.Add(
                $"there is no bridge '{bridge}' for the containers (network.bridge); make one with the fleet's gateway: "
                    + $"ip link add {bridge} type bridge && ip addr add {fleet.Network.Gateway}/{fleet.Network.Subnet.Split('/')[1]} dev {bridge} && ip link set {bridge} up"
            );
        return problems;
    }

    /// <summary>The spec cut down to the demo's services, their templates built from <see cref="OsTemplate"/> on the service bridge.</summary>
    public static FleetSpec Fleet(FleetSpec spec) =>
        spec with
        {
            Network = spec.Network with { TemplateBridge = spec.Network.Bridge },
            Templates =
            [
                .. spec
                    .Templates.Where(t => Services.Contains(t.ServiceKey))
                    .Select(t =>
                        t with
                        {
                            Source = new TemplateSource { Kind = TemplateSourceKind.OsTemplate, OsTemplate = OsTemplate },
                        }
                    ),
            ],
            Services = [.. spec.Services.Where(s => Services.Contains(s.Name))],
        };

    /// <summary>Builds <see cref="OsTemplate"/> with debootstrap unless the storage already holds it.</summary>
    public static async Task EnsureOsTemplateAsync(LxcHost host, FleetSpec fleet, Action<string> say, CancellationToken cancellationToken)
    {
        var output = Path.Combine(host.Layout.OsTemplateDir(fleet.Storage.OsTemplates), OsTemplate);
        if (File.Exists(output))
            return;
        say($"building the OS template {OsTemplate} with debootstrap (Debian 12 with {string.Join(" and ", Packages)}; a few minutes, once)");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await DebootstrapBuilder.BuildAsync("bookworm", Packages, output, new LxcHostOptions().DebootstrapMirror, cancellationToken);
    }
}
