using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Catalog;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;
using LxcForge.Proxmox.Community;

namespace LxcForge.Cli.Commands.Templates;

/// <summary>Where a command's community-script files come from, and which lock file pins them.</summary>
internal static class TemplateScripts
{
    public static IScriptOrigin Origin(HostConnection connection, LoadedSpec spec, CliConsole io)
    {
        if (connection.ScriptOrigin is { } hostOrigin)
            return hostOrigin;
        var scripts = spec.Spec.Scripts;
        if (scripts.LocalPath is { } local)
            return new LocalDirectoryOrigin(Resolve(spec, io, local), scripts.Repository, scripts.Ref);
        return new GitHubRawOrigin(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, scripts.Repository, scripts.Ref);
    }

    /// <summary>The spec's lock file beside the spec; the simulator's stand-ins are pinned in its own state directory.</summary>
    public static string LockFile(HostConnection connection, LoadedSpec spec, CliConsole io) =>
        connection.ScriptOrigin is { IsStandIn: true } && connection.StateDirectory is { } dir
            ? Path.Combine(dir, "scripts.standin.lock")
            : Resolve(spec, io, spec.Spec.Scripts.LockFile);

    public static PinnedScriptSupply Supply(HostConnection connection, LoadedSpec spec, CliConsole io, Action<string> log) =>
        new(Origin(connection, spec, io), CacheDirectory(io), LockFile(connection, spec, io), log);

    /// <summary>Every file the spec's community-script templates fetch.</summary>
    public static IReadOnlyList<string> AllFiles(FleetSpec spec) =>
        spec
            .Templates.Where(t => t.Source.Kind == TemplateSourceKind.CommunityScript)
            .SelectMany(t =>
            {
                var definition = ServiceRegistry.Find(t.ServiceKey)?.Definition;
                var script = t.Source.Script ?? definition?.Script;
                return script is null ? [] : CommunityScriptFiles.For(script, definition);
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string Resolve(LoadedSpec spec, CliConsole io, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(spec.Path is { } p ? Path.GetDirectoryName(p)! : io.WorkingDirectory, path));

    private static string CacheDirectory(CliConsole io) =>
        Path.Combine(
            io.EnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } c
                ? c
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "lxcforge",
            "scripts"
        );
}
