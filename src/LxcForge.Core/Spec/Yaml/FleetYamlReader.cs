using LxcForge.Core.Spec.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LxcForge.Core.Spec.Yaml;

/// <summary>
/// Reads <c>fleet.yaml</c> over the built-in defaults. Sections that are mappings (network, storage, ids,
/// scripts, backup) override the defaults key by key; a list (templates, services, nodes, dns, tags…)
/// replaces the default list. A template or service whose name is a built-in one starts from the
/// built-in entry, so <c>- name: postgresql</c> plus <c>memory: 4096</c> changes only the memory.
/// </summary>
internal static partial class FleetYamlReader
{
    public static (FleetSpec Spec, SpecSourceMap Source, IReadOnlyList<SpecProblem> Problems) Read(string text, string file, FleetSpec defaults)
    {
        var ctx = new YamlReadContext(file);
        YamlNode? root;
        var scanner = new Scanner(new StringReader(text));
        try
        {
            var stream = new YamlStream();
            stream.Load(new Parser(scanner));
            if (stream.Documents.Count > 1)
                ctx.Error(stream.Documents[1].RootNode, "", "expected one YAML document, found several (remove the extra '---')");
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            ctx.Problems.Add(new SpecProblem(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + SyntaxMessage(e)));
            return (defaults, ctx.Source, ctx.Problems);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner sometimes fails without a YamlException (e.g. an unclosed '[' before a
            // new key); the scanner still knows where it stopped.
            var at = scanner.CurrentPosition;
            ctx.Problems.Add(
                new SpecProblem(file, (int)at.Line, (int)at.Column, "", "YAML syntax error: unexpected text here (an unclosed '[', '{' or quote above?)")
            );
            return (defaults, ctx.Source, ctx.Problems);
        }

        if (root is null || YamlMap.IsNull(root))
            return (defaults, ctx.Source, ctx.Problems);
        var map = YamlMap.Open(ctx, root, "", SpecKeys.Root);
        if (map is null)
            return (defaults, ctx.Source, ctx.Problems);

        var spec = defaults with
        {
            Network = ReadNetwork(map, defaults.Network),
            Storage = ReadStorage(map, defaults.Storage),
            Nodes = map.StringList("nodes") ?? defaults.Nodes,
            Ids = ReadIds(ctx, map, defaults.Ids),
            Scripts = ReadScripts(map, defaults.Scripts),
            Backup = ReadBackup(map, defaults.Backup),
            Templates = map.List("templates") is { } templates ? ReadTemplates(ctx, templates, defaults) : defaults.Templates,
            Services = map.List("services") is { } services ? ReadServices(ctx, services, defaults) : defaults.Services,
        };
        return (spec, ctx.Source, ctx.Problems);
    }

    // YamlDotNet's messages repeat the position ("(Line: 3, Col: 5, Idx: 20) - (…): "); we print our own.
    private static string SyntaxMessage(YamlException e)
    {
        var message = e.InnerException is { } inner && e.Message.StartsWith("Duplicate key", StringComparison.Ordinal) ? "duplicate key" : e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 ? message[(cut + 3)..] : message;
        return message.TrimEnd('.');
    }

    private static NetworkSpec ReadNetwork(YamlMap root, NetworkSpec d)
    {
        if (root.Map("network", SpecKeys.Network) is not { } m)
            return d;
        return d with
        {
            Bridge = m.String("bridge") ?? d.Bridge,
            Subnet = m.String("subnet") ?? d.Subnet,
            Gateway = m.String("gateway") ?? d.Gateway,
            DnsServers = m.Has("dns") && m.Get("dns") is YamlScalarNode ? [m.String("dns")!] : m.StringList("dns") ?? d.DnsServers,
            SearchDomain = m.String("search-domain") ?? d.SearchDomain,
            TemplateBridge = m.String("template-bridge") ?? d.TemplateBridge,
        };
    }

    private static StorageSpec ReadStorage(YamlMap root, StorageSpec d)
    {
        if (root.Map("storage", SpecKeys.Storage) is not { } m)
            return d;
        return d with
        {
            Templates = m.String("templates") ?? d.Templates,
            Services = m.String("services") ?? d.Services,
            Backups = m.String("backups") ?? d.Backups,
            OsTemplates = m.String("os-templates") ?? d.OsTemplates,
        };
    }

    private static IdRanges ReadIds(YamlReadContext ctx, YamlMap root, IdRanges d)
    {
        if (root.Map("ids", SpecKeys.Ids) is not { } m)
            return d;
        return d with { Templates = ReadRange(ctx, m, "templates") ?? d.Templates, Services = ReadRange(ctx, m, "services") ?? d.Services };
    }

    private static IdRange? ReadRange(YamlReadContext ctx, YamlMap m, string key)
    {
        if (m.String(key) is not { } text)
            return null;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], out var first) && int.TryParse(parts[1], out var last))
            return new IdRange(first, last);
        ctx.Error(m.Get(key)!, m.Child(key), $"expected a CTID range FIRST-LAST (e.g. 200-299), got '{text}'");
        return null;
    }

    private static ScriptsSpec ReadScripts(YamlMap root, ScriptsSpec d)
    {
        if (root.Map("scripts", SpecKeys.Scripts) is not { } m)
            return d;
        return d with
        {
            Repository = m.String("repository") ?? d.Repository,
            Ref = m.String("ref") ?? d.Ref,
            LocalPath = m.String("local-path") ?? d.LocalPath,
            LockFile = m.String("lock-file") ?? d.LockFile,
        };
    }

    private static BackupSpec ReadBackup(YamlMap root, BackupSpec d)
    {
        if (root.Map("backup", SpecKeys.Backup) is not { } m)
            return d;
        var retention = d.Retention;
        if (m.Map("retention", SpecKeys.Retention) is { } r)
        {
            retention = retention with
            {
                KeepLast = r.Present("keep-last") ? r.Int("keep-last") : retention.KeepLast,
                KeepDaily = r.Present("keep-daily") ? r.Int("keep-daily") : retention.KeepDaily,
                KeepWeekly = r.Present("keep-weekly") ? r.Int("keep-weekly") : retention.KeepWeekly,
                KeepMonthly = r.Present("keep-monthly") ? r.Int("keep-monthly") : retention.KeepMonthly,
            };
        }

        return d with
        {
            Mode = m.String("mode") ?? d.Mode,
            Compress = m.String("compress") ?? d.Compress,
            Retention = retention,
        };
    }
}
