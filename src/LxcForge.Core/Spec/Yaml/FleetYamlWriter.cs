using System.Text;
using LxcForge.Core.Catalog;
using static LxcForge.Core.Spec.Yaml.YamlText;

namespace LxcForge.Core.Spec.Yaml;

/// <summary>
/// Writes a spec as a commented, hand-editable <c>fleet.yaml</c> (what <c>lxcforge init</c> writes).
/// Reading the text back gives the same spec.
/// </summary>
public static partial class FleetYamlWriter
{
    public static string Write(FleetSpec spec)
    {
        var w = new StringBuilder();
        w.AppendLine(
            """
            # fleet.yaml: the containers LxcForge builds and runs (lxcforge validate checks it).
            #
            # Every key is optional. A missing key keeps the built-in default (the values written here);
            # a list you write (templates, services, dns, tags, features...) replaces the default list.
            """
        );
        WriteComment(w, $"A template or service named like a built-in one ({string.Join(", ", ServiceRegistry.Keys)}) starts from that one's values.");
        w.AppendLine(
            """
            # Sizes: memory and swap in MiB (or 2G, 512M); disk as 8G (a bare number means GiB).

            """
        );
        WriteNetwork(w, spec);
        WriteStorage(w, spec);
        WriteIds(w, spec);
        WriteScripts(w, spec);
        WriteBackup(w, spec);
        WriteTemplates(w, spec);
        WriteServices(w, spec);
        return w.ToString().Replace("\r\n", "\n");
    }

    private static void WriteNetwork(StringBuilder w, FleetSpec spec)
    {
        var n = spec.Network;
        w.AppendLine("# The internal bridge the services live on, and its subnet (addresses get the subnet's prefix).");
        w.AppendLine("network:");
        w.AppendLine($"  bridge: {Scalar(n.Bridge)}");
        w.AppendLine($"  subnet: {Scalar(n.Subnet)}");
        w.AppendLine($"  gateway: {Scalar(n.Gateway)}           # the router on that bridge (OPNsense in the fleet design)");
        w.AppendLine($"  dns: {Flow(n.DnsServers)}");
        w.AppendLine(n.SearchDomain is null ? "  # search-domain: home.arpa" : $"  search-domain: {Scalar(n.SearchDomain)}");
        w.AppendLine($"  template-bridge: {Scalar(n.TemplateBridge)}    # where templates are built (the community scripts use DHCP)");
        w.AppendLine();
    }

    private static void WriteStorage(StringBuilder w, FleetSpec spec)
    {
        var s = spec.Storage;
        w.AppendLine("# Proxmox storage ids: templates on bulk storage, services on fast storage, backups on bulk storage.");
        w.AppendLine("storage:");
        w.AppendLine($"  templates: {Scalar(s.Templates)}");
        w.AppendLine($"  services: {Scalar(s.Services)}");
        w.AppendLine($"  backups: {Scalar(s.Backups)}");
        w.AppendLine($"  os-templates: {Scalar(s.OsTemplates)}      # holds the OS template archives (vztmpl content)");
        w.AppendLine();
        if (spec.Nodes.Count > 0)
        {
            w.AppendLine($"nodes: {Flow(spec.Nodes)}");
            w.AppendLine();
        }
        else
        {
            w.AppendLine("# Proxmox nodes the fleet may use; without this, the host's single node.");
            w.AppendLine("# nodes: [pve]");
            w.AppendLine();
        }
    }

    private static void WriteIds(StringBuilder w, FleetSpec spec)
    {
        w.AppendLine("# CTID ranges: every template and service (replicas too) must fall inside its range.");
        w.AppendLine("ids:");
        w.AppendLine($"  templates: {spec.Ids.Templates}");
        w.AppendLine($"  services: {spec.Ids.Services}");
        w.AppendLine();
    }

    private static void WriteScripts(StringBuilder w, FleetSpec spec)
    {
        var s = spec.Scripts;
        w.AppendLine("# The Proxmox community helper scripts, pinned to one commit (their SHA-256 sums go to the lock file).");
        w.AppendLine("scripts:");
        w.AppendLine($"  repository: {Scalar(s.Repository)}");
        w.AppendLine($"  ref: {Scalar(s.Ref)}");
        w.AppendLine(
            s.LocalPath is null ? "  # local-path: /srv/ProxmoxVE     # a local copy, for hosts without internet" : $"  local-path: {Scalar(s.LocalPath)}"
        );
        w.AppendLine($"  lock-file: {Scalar(s.LockFile)}");
        w.AppendLine();
    }

    private static void WriteBackup(StringBuilder w, FleetSpec spec)
    {
        var b = spec.Backup;
        w.AppendLine("# vzdump backups to storage.backups; retention as Proxmox's prune-backups.");
        w.AppendLine("backup:");
        w.AppendLine(
            b.Mode is null ? "  # mode: snapshot              # snapshot, suspend or stop; default: the best the storage allows" : $"  mode: {Scalar(b.Mode)}"
        );
        w.AppendLine($"  compress: {Scalar(b.Compress)}");
        w.AppendLine("  retention:");
        var r = b.Retention;
        var d = new RetentionSpec();
        foreach (
            var (key, value, byDefault) in new[]
            {
                ("keep-last", r.KeepLast, d.KeepLast),
                ("keep-daily", r.KeepDaily, d.KeepDaily),
                ("keep-weekly", r.KeepWeekly, d.KeepWeekly),
                ("keep-monthly", r.KeepMonthly, d.KeepMonthly),
            }
        )
        {
            // "null" unsets a default; a commented line shows an option that is off by default.
            w.AppendLine(
                value is not null ? $"    {key}: {value}"
                : byDefault is null ? $"    # {key}: 6"
                : $"    {key}: null"
            );
        }
        w.AppendLine();
    }

    private static string Describe(string key) => ServiceRegistry.Find(key)?.Definition is { } d ? d.DisplayName : key;

    /// <summary>Writes <paramref name="text"/> as <c>#</c> lines of at most about 100 characters.</summary>
    private static void WriteComment(StringBuilder w, string text)
    {
        var line = new StringBuilder("#");
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 1 && line.Length + 1 + word.Length > 100)
            {
                w.AppendLine(line.ToString());
                line.Clear().Append('#');
            }

            line.Append(' ').Append(word);
        }

        w.AppendLine(line.ToString());
    }
}
