using System.Globalization;
using LxcForge.Core.Catalog;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Templates;

/// <summary>
/// The environment that makes a community script run unattended (docs/community-scripts.md#unattended-run):
/// the <c>var_*</c> names the scripts really read — CTID, STORAGE and NET are ignored by today's scripts.
/// </summary>
public static class CommunityScriptEnvironment
{
    public static IReadOnlyDictionary<string, string> For(FleetSpec fleet, TemplateSpec template, ServiceDefinition? definition)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = "generated",
            ["PHS_SILENT"] = "1",
            ["TERM"] = "xterm",
            ["DEBIAN_FRONTEND"] = "noninteractive",
            ["DISABLE_UPDATE"] = "yes",
            ["var_ctid"] = template.Ctid.ToString(CultureInfo.InvariantCulture),
            ["var_hostname"] = template.Hostname ?? $"{template.Name}-template",
            ["var_container_storage"] = fleet.Storage.Templates,
            ["var_template_storage"] = fleet.Storage.OsTemplates,
            ["var_net"] = "dhcp",
            ["var_brg"] = fleet.Network.TemplateBridge,
            ["var_unprivileged"] = "1",
            ["var_verbose"] = "yes",
        };
        if ((template.Cores ?? definition?.Cores) is { } cores)
            env["var_cpu"] = cores.ToString(CultureInfo.InvariantCulture);
        if ((template.Memory ?? definition?.MemoryMb) is { } ram)
            env["var_ram"] = ram.ToString(CultureInfo.InvariantCulture);
        if (template.Disk is { } disk && Hosting.DiskSize.TryParse(disk, out _, out var bytes))
            env["var_disk"] = Math.Max(1, bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        else if (definition is not null)
            env["var_disk"] = definition.DiskGb.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in template.Source.Variables)
            env[key] = value;
        return env;
    }

    /// <summary>The answers sent on stdin: the spec's, else the catalogue's.</summary>
    public static string StandardInput(TemplateSpec template, ServiceDefinition? definition)
    {
        var answers = template.Source.Answers ?? definition?.StdinAnswers ?? [];
        return answers.Count == 0 ? string.Empty : string.Join('\n', answers) + "\n";
    }
}
