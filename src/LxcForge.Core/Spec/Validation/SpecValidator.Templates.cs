using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;

namespace LxcForge.Core.Spec.Validation;

public static partial class SpecValidator
{
    private static void CheckTemplates(Collector v, FleetSpec spec)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Templates.Count; i++)
        {
            var t = spec.Templates[i];
            var path = $"templates[{i}]";
            CheckName(v, names, t.Name, i, "templates", "template");
            CheckCtid(v, t.Ctid, $"{path}.ctid", spec.Ids.Templates, "template");
            if (t.Hostname is { } hostname)
                CheckHostname(v, hostname, $"{path}.hostname");
            if (t.Service is { } service && !IsHostnameLabel(service))
                v.Add(
                    $"{path}.service",
                    $"'{ServiceSettings.Printable(service)}' is not a service key (a catalogue key such as postgresql, or your own: letters, digits and hyphens)"
                );
            CheckNode(v, spec, t.Node, $"{path}.node");
            if (t.Cores is { } cores)
                CheckPositive(v, cores, $"{path}.cores", "cores");
            if (t.Memory is { } memory)
                CheckPositive(v, memory, $"{path}.memory", "memory (MiB)");
            if (t.Disk is { } disk)
                CheckDisk(v, disk, $"{path}.disk");
            CheckSource(v, t, $"{path}.source");
        }
    }

    private static void CheckSource(Collector v, TemplateSpec t, string path)
    {
        var s = t.Source;
        if (s.Kind == TemplateSourceKind.OsTemplate)
        {
            if (string.IsNullOrWhiteSpace(s.OsTemplate))
                v.Add($"{path}.os-template", "an OS-template build needs the template's file name (e.g. debian-12-standard_12.12-1_amd64.tar.zst)");
            if (s.Answers is { Count: > 0 })
                v.Add($"{path}.answers", "answers are for community scripts; an OS-template build has no questions");
            CheckOsTemplateInputs(v, s, path);
            return;
        }

        if (s.Script is null && ServiceRegistry.Find(t.ServiceKey)?.Definition is null)
        {
            v.Add(
                path,
                $"'{t.ServiceKey}' is not a built-in service ({string.Join(", ", ServiceRegistry.Keys)}){Hint(t.ServiceKey, ServiceRegistry.Keys)}; "
                    + "give source.script (e.g. ct/myapp.sh) or source.os-template"
            );
        }

        CheckCommunityScriptInputs(v, s, path);

        if (s.Provision.Packages.Count + s.Provision.Commands.Count + s.Provision.Files.Count > 0)
            v.Add($"{path}.provision", "provisioning steps are for OS-template builds; a community script installs the service itself");
    }

    private static void CheckName(Collector v, Dictionary<string, int> seen, string name, int index, string list, string what)
    {
        var path = $"{list}[{index}].name";
        if (!IsHostnameLabel(name))
            v.Add(path, $"'{name}' is not a valid {what} name (letters, digits and hyphens, at most 63, no leading or trailing hyphen)");
        else if (!seen.TryAdd(name, index))
            v.Add(path, $"the {what} name '{name}' is already used by {list}[{seen[name]}]");
    }

    private static void CheckCtid(Collector v, int ctid, string path, IdRange range, string what)
    {
        if (ctid is < MinCtid or > MaxCtid)
            v.Add(path, $"CTID {ctid} is outside the CTIDs Proxmox allows ({MinCtid}-{MaxCtid})");
        else if (!range.Contains(ctid))
            v.Add(path, $"CTID {ctid} is outside the {what} range {range} (ids.{what}s)");
    }

    private static void CheckHostname(Collector v, string hostname, string path)
    {
        if (!IsHostnameLabel(hostname))
            v.Add(path, $"'{hostname}' is not a valid hostname (RFC 1123 label: 1-63 letters, digits and hyphens, no leading or trailing hyphen, no dots)");
    }

    private static void CheckNode(Collector v, FleetSpec spec, string? node, string path)
    {
        if (node is null)
            return;
        if (spec.Nodes.Count > 0 && !spec.Nodes.Contains(node))
            v.Add(path, $"node '{node}' is not in the spec's nodes ({string.Join(", ", spec.Nodes)}){Hint(node, spec.Nodes)}");
        else if (!IsNodeName(node))
            v.Add(path, $"'{node}' is not a Proxmox node name");
    }

    private static void CheckPositive(Collector v, int value, string path, string what)
    {
        if (value <= 0)
            v.Add(path, $"{what} must be positive, got {value}");
    }

    private static void CheckDisk(Collector v, string disk, string path)
    {
        if (!DiskSize.TryParse(disk, out var relative, out var bytes))
            v.Add(path, $"'{disk}' is not a disk size (e.g. 8G, 512M, or a number of GiB)");
        else if (relative)
            v.Add(path, $"'{disk}' is relative; give the size the disk should have (e.g. 16G)");
        else if (bytes <= 0)
            v.Add(path, $"the disk size must be positive, got '{disk}'");
    }
}
