using LxcForge.Core.Spec.Validation;

namespace LxcForge.Core.Spec.Editing;

/// <summary>
/// Changes one value of a service in <c>fleet.yaml</c> text in place — the rest of the file, comments
/// included, stays as the person wrote it. Used by <c>scale</c> and <c>resize</c>, which update the spec
/// before applying it. The result is validated; an edit that would make the spec invalid is refused.
/// </summary>
public static class SpecFileEditor
{
    /// <summary>
    /// Sets <paramref name="key"/> (e.g. <c>memory</c> or <c>replicas.count</c>) of service
    /// <paramref name="service"/> to the plain scalar <paramref name="value"/>.
    /// </summary>
    /// <returns>The new text and its load result (valid).</returns>
    public static (string Text, SpecLoadResult Result) SetServiceValue(string text, string file, string service, string key, string value)
    {
        var loaded = FleetSpecLoader.FromYaml(text, file);
        var index = loaded.Spec.Services.ToList().FindIndex(s => s.Name == service);
        if (index < 0)
            throw new SpecEditException($"{file}: no service '{service}'");
        var servicePath = $"services[{index}]";
        if (!loaded.Source.Contains(servicePath))
            throw new SpecEditException(
                $"{file}: service '{service}' comes from the built-in defaults; list it under services: first (lxcforge init writes them all)"
            );

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var parts = key.Split('.');
        var path = servicePath;
        var parentColumn = loaded.Source.Locate(servicePath).Column;
        var parentLine = loaded.Source.Locate(servicePath).Line;
        for (var i = 0; i < parts.Length; i++)
        {
            var childPath = path + "." + parts[i];
            var last = i == parts.Length - 1;
            if (loaded.Source.Contains(childPath))
            {
                var (line, column) = loaded.Source.Locate(childPath);
                if (last)
                {
                    lines[line - 1] = ReplaceScalar(lines[line - 1], column, value, file, line);
                    break;
                }

                (parentLine, parentColumn) = (line, column + 2);
                path = childPath;
                continue;
            }

            // Absent: insert it (and any missing parents) right below the parent's first line.
            var indent = new string(' ', Math.Max(0, parentColumn - 1));
            var insert = new List<string>();
            for (var j = i; j < parts.Length; j++)
            {
                var pad = indent + new string(' ', 2 * (j - i));
                insert.Add(j == parts.Length - 1 ? $"{pad}{parts[j]}: {value}" : $"{pad}{parts[j]}:");
            }

            lines.InsertRange(parentLine, insert);
            break;
        }

        var newText = string.Join('\n', lines);
        var result = FleetSpecLoader.FromYaml(newText, file);
        if (!result.IsValid)
        {
            throw new SpecEditException(
                $"{file}: setting {service}.{key} to {value} would make the spec invalid; nothing was changed:\n"
                    + string.Join('\n', result.Problems.Select(p => p.ToString()))
            );
        }

        return (newText, result);
    }

    /// <summary>Replaces the plain scalar starting at <paramref name="column"/> (1-based), keeping any trailing comment.</summary>
    private static string ReplaceScalar(string line, int column, string value, string file, int lineNo)
    {
        var start = column - 1;
        if (start >= line.Length || line[start] is '[' or '{' or '|' or '>')
            throw new SpecEditException($"{file}:{lineNo}:{column}: not a single value; edit it by hand");
        var end = start;
        if (line[start] is '"' or '\'')
        {
            end = line.IndexOf(line[start], start + 1);
            end = end < 0 ? line.Length : end + 1;
        }
        else
        {
            while (end < line.Length && !(line[end] == '#' && end > 0 && char.IsWhiteSpace(line[end - 1])))
                end++;
            while (end > start && char.IsWhiteSpace(line[end - 1]))
                end--;
        }

        return line[..start] + value + line[end..];
    }
}

public sealed class SpecEditException(string message) : Exception(message);
