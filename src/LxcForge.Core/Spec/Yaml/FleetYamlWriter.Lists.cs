using System.Text;
using LxcForge.Core.Catalog;
using static LxcForge.Core.Spec.Yaml.YamlText;

namespace LxcForge.Core.Spec.Yaml;

public static partial class FleetYamlWriter
{
    private static void WriteTemplates(StringBuilder w, FleetSpec spec)
    {
        w.AppendLine("# Templates: built once (a community script, or an OS template plus provisioning), then cloned.");
        w.AppendLine("# Resources default to the community scripts' own.");
        w.AppendLine("templates:");
        foreach (var t in spec.Templates)
        {
            w.AppendLine($"  - name: {Scalar(t.Name)}");
            w.AppendLine($"    ctid: {t.Ctid}");
            Optional(w, "service", t.Service);
            Optional(w, "hostname", t.Hostname);
            Optional(w, "node", t.Node);
            if (t.Cores is { } cores)
                w.AppendLine($"    cores: {cores}");
            if (t.Memory is { } memory)
                w.AppendLine($"    memory: {memory}");
            Optional(w, "disk", t.Disk);
            WriteSource(w, t);
        }

        w.AppendLine();
    }

    private static void WriteSource(StringBuilder w, TemplateSpec t)
    {
        var s = t.Source;
        if (IsCatalogueDefault(s) && ServiceRegistry.Find(t.ServiceKey)?.Definition is { } d)
        {
            var answers = d.StdinAnswers.Count > 0 ? $", answers: {Flow(d.StdinAnswers)}" : "";
            w.AppendLine($"    # source: {{script: {d.Script}{answers}}}   (the catalogue's)");
            return;
        }

        w.AppendLine("    source:");
        if (s.Kind == TemplateSourceKind.OsTemplate)
            Optional(w, "  os-template", s.OsTemplate);
        else
            Optional(w, "  script", s.Script);
        if (s.Answers is { } a)
            w.AppendLine($"      answers: {Flow(a)}");
        WriteMap(w, "      ", "variables", s.Variables);
        var p = s.Provision;
        if (p.Packages.Count + p.Commands.Count + p.Files.Count == 0)
            return;
        w.AppendLine("      provision:");
        if (p.Packages.Count > 0)
            w.AppendLine($"        packages: {Flow(p.Packages)}");
        WriteList(w, "        ", "commands", p.Commands);
        if (p.Files.Count > 0)
        {
            w.AppendLine("        files:");
            foreach (var f in p.Files)
                w.AppendLine($"          - {{path: {Scalar(f.Path)}, content: {Scalar(f.Content)}, mode: {Scalar(f.Mode)}}}");
        }
    }

    private static bool IsCatalogueDefault(TemplateSource s) =>
        s.Kind == TemplateSourceKind.CommunityScript
        && s.Script is null
        && s.Answers is null
        && s.OsTemplate is null
        && s.Variables.Count == 0
        && s.Provision.Packages.Count + s.Provision.Commands.Count + s.Provision.Files.Count == 0;

    private static void WriteServices(StringBuilder w, FleetSpec spec)
    {
        w.AppendLine("# Services: full clones of a template on storage.services, each with a static address on the bridge.");
        w.AppendLine("services:");
        foreach (var s in spec.Services)
        {
            w.AppendLine($"  - name: {Scalar(s.Name)}              # {Describe(s.Template)}");
            w.AppendLine($"    template: {Scalar(s.Template)}");
            w.AppendLine($"    ctid: {s.Ctid}");
            w.AppendLine($"    hostname: {Scalar(s.Hostname)}");
            w.AppendLine($"    ip: {Scalar(s.Ip)}");
            Optional(w, "node", s.Node);
            w.AppendLine($"    cores: {s.Cores}");
            w.AppendLine($"    memory: {s.Memory}");
            w.AppendLine($"    swap: {s.Swap}");
            w.AppendLine($"    disk: {Scalar(s.Disk)}");
            var features = new[] { ("nesting", s.Features.Nesting), ("keyctl", s.Features.Keyctl), ("fuse", s.Features.Fuse) }
                .Where(f => f.Item2)
                .Select(f => f.Item1)
                .ToList();
            w.AppendLine($"    features: {Flow(features)}{(features.Count > 0 ? "   # Docker inside LXC needs nesting and keyctl" : "")}");
            w.AppendLine($"    unprivileged: {Scalar(s.Unprivileged)}");
            w.AppendLine($"    onboot: {Scalar(s.OnBoot)}");
            if (s.StartupOrder is { } order)
                w.AppendLine($"    startup-order: {order}");
            if (s.Tags.Count > 0)
                w.AppendLine($"    tags: {Flow(s.Tags)}");
            WriteReplicas(w, s);
            WriteMap(w, "    ", "settings", s.Settings);
            WriteCustom(w, s.Custom);
        }
    }

    private static void WriteReplicas(StringBuilder w, ServiceSpec s)
    {
        if (s.Replicas is not { } r)
        {
            if (s.Name == "postgresql")
            {
                w.AppendLine("    # Scale out (the fleet design's example): replicas 210, 211, 212 at .11, .12, .13.");
                w.AppendLine("    # replicas: {count: 3}        # or: {count: 3, ctids: [210, 211, 212], ips: [10.0.30.11, 10.0.30.12, 10.0.30.13]}");
            }

            return;
        }

        w.AppendLine("    replicas:");
        w.AppendLine($"      count: {r.Count}");
        if (r.Ctids is { } ctids)
            w.AppendLine($"      ctids: {Flow(ctids)}");
        if (r.CtidStart is { } start)
            w.AppendLine($"      ctid-start: {start}");
        if (r.CtidStep != 1)
            w.AppendLine($"      ctid-step: {r.CtidStep}");
        if (r.Ips is { } ips)
            w.AppendLine($"      ips: {Flow(ips)}");
        Optional(w, "  ip-start", r.IpStart);
        if (r.IpStep != 1)
            w.AppendLine($"      ip-step: {r.IpStep}");
        if (r.Hostname != new ReplicaSpec().Hostname)
            w.AppendLine($"      hostname: {Scalar(r.Hostname)}");
    }

    private static void WriteCustom(StringBuilder w, CustomServiceSpec? c)
    {
        if (c is null)
            return;
        w.AppendLine("    custom:");
        w.AppendLine($"      ports: {Flow(c.Ports)}");
        WriteList(w, "      ", "configure", c.Configure);
        Optional(w, "  check", c.Check);
    }

    private static void Optional(StringBuilder w, string key, string? value)
    {
        if (value is not null)
            w.AppendLine($"    {key}: {Scalar(value)}");
    }

    private static void WriteList(StringBuilder w, string indent, string key, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
            return;
        w.AppendLine($"{indent}{key}:");
        foreach (var item in items)
            w.AppendLine($"{indent}  - {Scalar(item)}");
    }

    private static void WriteMap(StringBuilder w, string indent, string key, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
            return;
        w.AppendLine($"{indent}{key}:");
        foreach (var (k, v) in map)
            w.AppendLine($"{indent}  {Scalar(k)}: {Scalar(v)}");
    }
}
