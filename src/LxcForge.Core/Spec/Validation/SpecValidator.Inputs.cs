using System.Text.RegularExpressions;
using LxcForge.Core.Catalog.Services;

namespace LxcForge.Core.Spec.Validation;

/// <summary>
/// The free-form values that reach a node or a container: each has the shape it must have, so nothing a
/// spec says can become shell syntax (and every script passes them as data or quoted words all the same).
/// Commands (<c>custom.configure</c>, <c>custom.check</c>, <c>provision.commands</c>) run as written, by design.
/// </summary>
public static partial class SpecValidator
{
    private static void CheckScriptPaths(Collector v, ScriptsSpec s)
    {
        if (s.LocalPath is { } local)
            CheckLocalPath(v, local, "scripts.local-path", "a directory");
        if (!string.IsNullOrWhiteSpace(s.LockFile))
            CheckLocalPath(v, s.LockFile, "scripts.lock-file", "a file");
    }

    /// <summary>A path on this machine (absolute, or relative to the spec's folder): clean, never climbing out with '..'.</summary>
    private static void CheckLocalPath(Collector v, string path, string field, string what)
    {
        if (path.Length == 0 || path.Any(char.IsControl))
            v.Add(field, $"'{ServiceSettings.Printable(path)}' is not {what}'s path (empty, or with control characters)");
        else if (path.Split('/').Any(s => s == ".."))
            v.Add(field, $"'{path}' climbs with '..'; give the path without it (absolute, or relative to the spec's folder)");
    }

    private static void CheckCommunityScriptInputs(Collector v, TemplateSource s, string path)
    {
        if (s.Script is { } script && !CommunityScriptPath().IsMatch(script))
            v.Add(
                $"{path}.script",
                $"'{ServiceSettings.Printable(script)}' is not a community script path: ct/NAME.sh, NAME of letters, digits, '.', '_' and '-' (e.g. ct/postgresql.sh)"
            );
        if (s.Answers is { } answers)
        {
            for (var i = 0; i < answers.Count; i++)
            {
                if (answers[i].Any(char.IsControl))
                    v.Add($"{path}.answers[{i}]", $"'{ServiceSettings.Printable(answers[i])}' holds a control character; each answer is one line of text");
            }
        }

        foreach (var (key, value) in s.Variables)
        {
            if (!ScriptVariable().IsMatch(key))
                v.Add(
                    $"{path}.variables.{key}",
                    $"'{ServiceSettings.Printable(key)}' is not a community-script variable (var_ then lower-case letters, digits and '_', e.g. var_os); other names (PATH, BASH_ENV…) would change how the node runs the script"
                );
            else if (value.Any(c => char.IsControl(c) || "$`\\\"'".Contains(c, StringComparison.Ordinal)))
                v.Add(
                    $"{path}.variables.{key}",
                    $"'{ServiceSettings.Printable(value)}' holds a control character or one of $ ` \\ \" ' (scripts would read them as shell syntax)"
                );
        }
    }

    private static void CheckOsTemplateInputs(Collector v, TemplateSource s, string path)
    {
        if (s.OsTemplate is { Length: > 0 } name && !OsTemplateName().IsMatch(name))
            v.Add(
                $"{path}.os-template",
                $"'{ServiceSettings.Printable(name)}' is not an OS template file name (letters, digits, '.', '_', '+', '-', ending in .tar.gz, .tar.xz or .tar.zst; e.g. debian-12-standard_12.12-1_amd64.tar.zst)"
            );

        var p = s.Provision;
        for (var i = 0; i < p.Packages.Count; i++)
        {
            if (!DebianPackage().IsMatch(p.Packages[i]))
                v.Add(
                    $"{path}.provision.packages[{i}]",
                    $"'{ServiceSettings.Printable(p.Packages[i])}' is not a Debian package name (lower-case letters, digits, '+', '-', '.'; at least two, starting with a letter or digit)"
                );
        }

        for (var i = 0; i < p.Files.Count; i++)
        {
            if (ServiceSettings.AbsolutePath(p.Files[i].Path) is { } problem)
                v.Add($"{path}.provision.files[{i}].path", problem);
            if (!FileMode().IsMatch(p.Files[i].Mode))
                v.Add($"{path}.provision.files[{i}].mode", $"'{ServiceSettings.Printable(p.Files[i].Mode)}' is not an octal file mode (e.g. 0644)");
        }
    }

    /// <summary>Each key must be one the service reads, each value of the shape that key needs.</summary>
    private static void CheckSettings(Collector v, FleetSpec spec, ServiceSpec s, string path)
    {
        var catalogKey = s.Custom is null ? spec.FindTemplate(s.Template)?.ServiceKey ?? s.Template : null;
        var rules = ServiceSettings.For(catalogKey);
        foreach (var (key, value) in s.Settings)
        {
            var field = $"{path}.settings.{key}";
            var rule = rules.FirstOrDefault(r => r.Key == key);
            if (rule is null)
            {
                var known = rules.Select(r => r.Key).ToList();
                var whose = catalogKey is null ? "a custom service" : $"'{catalogKey}'";
                v.Add(
                    field,
                    $"'{ServiceSettings.Printable(key)}' is not a setting {whose} reads{Hint(key, known)}; known: {string.Join(", ", rules.Select(r => $"{r.Key} ({r.Meaning})"))}"
                );
            }
            else if (rule.Check(value) is { } problem)
            {
                v.Add(field, problem);
            }
        }
    }

    [GeneratedRegex("^ct/[A-Za-z0-9][A-Za-z0-9._-]*\\.sh$")]
    private static partial Regex CommunityScriptPath();

    [GeneratedRegex("^var_[a-z0-9_]+$")]
    private static partial Regex ScriptVariable();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*\\.tar\\.(gz|xz|zst)$")]
    private static partial Regex OsTemplateName();

    /// <summary>Debian policy §5.6.7: at least two characters, lower-case letters, digits, '+', '-' and '.', starting alphanumeric.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex DebianPackage();

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex FileMode();
}
