using LxcForge.Core.Spec.Validation;
using YamlDotNet.RepresentationModel;

namespace LxcForge.Core.Spec.Yaml;

internal static partial class FleetYamlReader
{
    private static List<ServiceSpec> ReadServices(YamlReadContext ctx, IReadOnlyList<(YamlNode Node, string Path)> items, FleetSpec defaults)
    {
        var result = new List<ServiceSpec>();
        foreach (var (m, name, node) in NamedItems(ctx, items, SpecKeys.Service, "service"))
        {
            var seed = defaults.FindService(name);
            if (seed is null)
            {
                foreach (var key in new[] { "ctid", "ip" }.Where(k => !m.Has(k)))
                    ctx.Error(node, m.Child(key), $"service '{name}' is not one of the built-in ones, so it needs {(key == "ip" ? "an ip" : "a ctid")}");
            }

            var s = seed
                ?? new ServiceSpec
                {
                    Name = name,
                    Template = name,
                    Ctid = 0,
                    Hostname = name,
                    Ip = "",
                };
            result.Add(
                s with
                {
                    Template = m.String("template") ?? s.Template,
                    Ctid = m.Int("ctid") ?? s.Ctid,
                    Hostname = m.String("hostname") ?? s.Hostname,
                    Ip = m.String("ip") ?? s.Ip,
                    Node = m.String("node") ?? s.Node,
                    Cores = m.Int("cores") ?? s.Cores,
                    Memory = m.Megabytes("memory") ?? s.Memory,
                    Swap = m.Megabytes("swap") ?? s.Swap,
                    Disk = m.DiskText("disk") ?? s.Disk,
                    Features = ReadFeatures(ctx, m, s.Features),
                    Unprivileged = m.Bool("unprivileged") ?? s.Unprivileged,
                    OnBoot = m.Bool("onboot") ?? s.OnBoot,
                    StartupOrder = m.Int("startup-order") ?? s.StartupOrder,
                    Tags = m.StringList("tags") ?? s.Tags,
                    Replicas = ReadReplicas(m) ?? s.Replicas,
                    Settings = m.StringMap("settings") ?? s.Settings,
                    Custom = ReadCustom(m) ?? s.Custom,
                }
            );
        }

        return result;
    }

    /// <summary><c>features: [nesting, keyctl]</c>: the list replaces the default features.</summary>
    private static FeatureSpec ReadFeatures(YamlReadContext ctx, YamlMap service, FeatureSpec d)
    {
        if (service.List("features") is not { } items)
            return d;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in items)
        {
            var name = (node as YamlScalarNode)?.Value ?? "";
            if (SpecKeys.Features.Contains(name))
            {
                set.Add(name);
                continue;
            }

            var hint = DidYouMean.Closest(name, SpecKeys.Features);
            ctx.Error(
                node,
                path,
                $"unknown feature '{name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}; valid features: {string.Join(", ", SpecKeys.Features)}"
            );
        }

        return new FeatureSpec
        {
            Nesting = set.Contains("nesting"),
            Keyctl = set.Contains("keyctl"),
            Fuse = set.Contains("fuse"),
        };
    }

    private static ReplicaSpec? ReadReplicas(YamlMap service)
    {
        if (service.Map("replicas", SpecKeys.Replicas) is not { } m)
            return null;
        var d = new ReplicaSpec();
        return d with
        {
            Count = m.Int("count") ?? d.Count,
            Ctids = m.IntList("ctids"),
            CtidStart = m.Int("ctid-start"),
            CtidStep = m.Int("ctid-step") ?? d.CtidStep,
            Ips = m.StringList("ips"),
            IpStart = m.String("ip-start"),
            IpStep = m.Int("ip-step") ?? d.IpStep,
            Hostname = m.String("hostname") ?? d.Hostname,
        };
    }

    private static CustomServiceSpec? ReadCustom(YamlMap service)
    {
        if (service.Map("custom", SpecKeys.Custom) is not { } m)
            return null;
        var d = new CustomServiceSpec();
        return d with { Ports = m.IntList("ports") ?? d.Ports, Configure = m.StringList("configure") ?? d.Configure, Check = m.String("check") };
    }
}
