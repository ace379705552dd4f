using YamlDotNet.RepresentationModel;

namespace LxcForge.Core.Spec.Yaml;

internal static partial class FleetYamlReader
{
    private static List<TemplateSpec> ReadTemplates(YamlReadContext ctx, IReadOnlyList<(YamlNode Node, string Path)> items, FleetSpec defaults)
    {
        var result = new List<TemplateSpec>();
        foreach (var (m, name, node) in NamedItems(ctx, items, SpecKeys.Template, "template"))
        {
            var seed = defaults.FindTemplate(name);
            var ctid = m.Int("ctid");
            if (seed is null && ctid is null && !m.Has("ctid"))
                ctx.Error(node, m.Child("ctid"), $"template '{name}' is not one of the built-in ones, so it needs a ctid");
            var t = seed ?? new TemplateSpec { Name = name, Ctid = 0 };
            result.Add(
                t with
                {
                    Ctid = ctid ?? t.Ctid,
                    Service = m.String("service") ?? t.Service,
                    Hostname = m.String("hostname") ?? t.Hostname,
                    Node = m.String("node") ?? t.Node,
                    Cores = m.Int("cores") ?? t.Cores,
                    Memory = m.Megabytes("memory") ?? t.Memory,
                    Disk = m.DiskText("disk") ?? t.Disk,
                    Source = ReadSource(ctx, m, t.Source),
                }
            );
        }

        return result;
    }

    /// <summary>The list's items that are mappings with a name; the others are reported.</summary>
    private static IEnumerable<(YamlMap Map, string Name, YamlNode Node)> NamedItems(
        YamlReadContext ctx,
        IReadOnlyList<(YamlNode Node, string Path)> items,
        IReadOnlyCollection<string> keys,
        string what
    )
    {
        foreach (var (node, path) in items)
        {
            if (YamlMap.Open(ctx, node, path, keys) is not { } m)
                continue;
            if (m.String("name") is { } name)
                yield return (m, name, node);
            else
                ctx.Error(node, m.Child("name"), $"a {what} needs a name");
        }
    }

    private static TemplateSource ReadSource(YamlReadContext ctx, YamlMap template, TemplateSource d)
    {
        if (template.Map("source", SpecKeys.Source) is not { } m)
            return d;
        var script = m.String("script");
        var osTemplate = m.String("os-template");
        if (script is not null && osTemplate is not null)
            ctx.Error(m.Get("os-template")!, m.Child("os-template"), "a template is built either from a community script or from an OS template, not both");

        // Naming one kind of source switches the template to it; naming neither keeps the default's.
        var kind =
            osTemplate is not null ? TemplateSourceKind.OsTemplate
            : script is not null ? TemplateSourceKind.CommunityScript
            : d.Kind;
        return d with
        {
            Kind = kind,
            Script = script ?? (kind == d.Kind ? d.Script : null),
            OsTemplate = osTemplate ?? (kind == d.Kind ? d.OsTemplate : null),
            Answers = m.StringList("answers") ?? d.Answers,
            Variables = m.StringMap("variables") ?? d.Variables,
            Provision = ReadProvision(ctx, m, d.Provision),
        };
    }

    private static ProvisionSpec ReadProvision(YamlReadContext ctx, YamlMap source, ProvisionSpec d)
    {
        if (source.Map("provision", SpecKeys.Provision) is not { } m)
            return d;
        var files = d.Files;
        if (m.List("files") is { } items)
        {
            var list = new List<FileSpec>();
            foreach (var (node, path) in items)
            {
                if (YamlMap.Open(ctx, node, path, SpecKeys.File) is not { } f)
                    continue;
                var filePath = f.String("path");
                if (filePath is null)
                    ctx.Error(node, f.Child("path"), "a provisioned file needs a path");
                var file = new FileSpec(filePath ?? "", f.String("content") ?? "");
                list.Add(f.String("mode") is { } mode ? file with { Mode = mode } : file);
            }

            files = list;
        }

        return d with
        {
            Packages = m.StringList("packages") ?? d.Packages,
            Commands = m.StringList("commands") ?? d.Commands,
            Files = files,
        };
    }
}
