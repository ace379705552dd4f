using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc.Templates;

/// <summary>
/// Builds a Debian OS template (a compressed rootfs tarball, as Proxmox's <c>vztmpl</c>) with debootstrap.
/// minbase has no init, so systemd-sysv is always included; extra packages are installed at debootstrap time,
/// which needs only the mirror, not network inside a container.
/// </summary>
public static partial class DebootstrapBuilder
{
    private static readonly Dictionary<string, string> Suites = new()
    {
        ["11"] = "bullseye",
        ["12"] = "bookworm",
        ["13"] = "trixie",
    };

    /// <summary>Packages every template gets: an init, and what LxcForge's readiness checks and the catalogue use.</summary>
    public static IReadOnlyList<string> BasePackages { get; } = ["systemd-sysv", "iproute2", "procps", "ca-certificates", "openssl"];

    [GeneratedRegex(@"^debian-(?<version>\d+)-(?<flavour>[a-z]+)_.*\.tar\.(?<ext>zst|gz|xz)$")]
    private static partial Regex TemplateName();

    /// <summary>The names <c>DownloadOsTemplate</c> accepts: debian-11/12/13 in Proxmox's naming.</summary>
    public static IReadOnlyList<string> Available { get; } = Suites.Keys.Select(v => $"debian-{v}-standard_{v}-debootstrap_amd64.tar.zst").ToList();

    /// <summary>The Debian suite for a template name such as <c>debian-12-standard_12.12-1_amd64.tar.zst</c>, or null.</summary>
    public static string? SuiteFor(string templateName)
    {
        var m = TemplateName().Match(templateName);
        return m.Success ? Suites.GetValueOrDefault(m.Groups["version"].Value) : null;
    }

    /// <summary>Runs debootstrap into a scratch directory beside <paramref name="output"/> and packs it; the tarball appears only when complete.</summary>
    public static async Task BuildAsync(string suite, IReadOnlyList<string> extraPackages, string output, string mirror, CancellationToken cancellationToken)
    {
        var runner = new CommandRunner();
        var dir = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(dir);
        var scratch = Path.Combine(dir, $".debootstrap-{Guid.NewGuid():N}");
        try
        {
            var include = string.Join(',', BasePackages.Concat(extraPackages).Distinct());
            await runner.RunCheckedAsync(
                ["debootstrap", "--variant=minbase", $"--include={include}", suite, scratch, mirror],
                TimeSpan.FromMinutes(30),
                $"debootstrap {suite} failed",
                cancellationToken,
                inNamespace: false
            );
            var archives = Path.Combine(scratch, "var", "cache", "apt", "archives");
            if (Directory.Exists(archives))
            {
                foreach (var deb in Directory.GetFiles(archives, "*.deb"))
                    File.Delete(deb);
            }

            var partial = output + ".partial";
            var compress =
                output.EndsWith(".zst", StringComparison.Ordinal) ? "--zstd"
                : output.EndsWith(".xz", StringComparison.Ordinal) ? "--xz"
                : "--gzip";
            await runner.RunCheckedAsync(
                ["tar", "-cpf", partial, compress, "--numeric-owner", "--xattrs", "--xattrs-include=*", "-C", scratch, "."],
                TimeSpan.FromMinutes(30),
                $"packing {Path.GetFileName(output)} failed",
                cancellationToken,
                inNamespace: false
            );
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            await runner.RunAsync(["rm", "-rf", "--one-file-system", "--", scratch], TimeSpan.FromMinutes(5), CancellationToken.None, inNamespace: false);
        }
    }

    public static HostException UnknownTemplate(string name) =>
        new(HostErrorKind.NotFound, $"no OS template '{name}': plain LXC builds Debian templates with debootstrap ({string.Join(", ", Available)})");
}
