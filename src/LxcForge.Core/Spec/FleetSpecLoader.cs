using LxcForge.Core.Spec.Validation;
using LxcForge.Core.Spec.Yaml;

namespace LxcForge.Core.Spec;

/// <summary>A spec as read from a file (or the defaults), with where each field came from and everything wrong with it.</summary>
public sealed record SpecLoadResult(FleetSpec Spec, SpecSourceMap Source, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Turns <c>fleet.yaml</c> text into a validated <see cref="FleetSpec"/>. Pure: the caller reads the file.
/// Problems come sorted by position; a field whose value could not be read is reported once (the reading
/// problem), not again by the rules that would have checked its value.
/// </summary>
public static class FleetSpecLoader
{
    /// <summary>The built-in defaults (the fleet design, docs/fleet-design.md), validated like any file.</summary>
    public static SpecLoadResult FromDefaults() =>
        new(FleetDefaults.Seed, SpecSourceMap.Defaults, SpecValidator.Validate(FleetDefaults.Seed, SpecSourceMap.Defaults));

    /// <summary>Reads YAML text over the built-in defaults and validates the result.</summary>
    /// <param name="file">The name to show in problems (as the user gave it, e.g. <c>fleet.yaml</c>).</param>
    public static SpecLoadResult FromYaml(string text, string file)
    {
        var (spec, source, readProblems) = FleetYamlReader.Read(text, file, FleetDefaults.Seed);
        if (readProblems.Any(p => p.Message.StartsWith("YAML syntax error", StringComparison.Ordinal)))
            return new SpecLoadResult(spec, source, readProblems);

        var broken = readProblems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var ruleProblems = SpecValidator.Validate(spec, source).Where(p => !IsUnder(p.Path, broken));
        var all = readProblems.Concat(ruleProblems).OrderBy(p => p.Line).ThenBy(p => p.Column).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
        return new SpecLoadResult(spec, source, all);
    }

    private static bool IsUnder(string path, HashSet<string> broken)
    {
        for (var p = path; p.Length > 0; p = SpecSourceMap.Parent(p))
        {
            if (broken.Contains(p))
                return true;
        }

        return false;
    }
}
