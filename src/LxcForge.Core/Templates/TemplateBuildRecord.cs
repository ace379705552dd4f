using System.Text;

namespace LxcForge.Core.Templates;

/// <summary>What built a template, written into its description so anyone can tell later what it runs.</summary>
public sealed record TemplateBuildRecord(string Template, string Source, DateTimeOffset BuiltAt)
{
    /// <summary>For community scripts: repository, ref and the SHA-256 of every file used.</summary>
    public string? Repository { get; init; }

    public string? Ref { get; init; }
    public IReadOnlyDictionary<string, string> Sha256ByPath { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the files were the simulator's stand-ins, not the real scripts.</summary>
    public bool StandIn { get; init; }

    /// <summary>The lines that follow the ownership marker in the template's description.</summary>
    public string ToDescriptionLines()
    {
        var sb = new StringBuilder();
        sb.Append("template: ").Append(Template).Append('\n');
        sb.Append("source: ").Append(Source).Append(StandIn ? " (STAND-IN scripts of the LxcForge simulator)" : string.Empty).Append('\n');
        if (Repository is not null)
            sb.Append("repository: ").Append(Repository).Append('@').Append(Ref).Append('\n');
        foreach (var (path, hash) in Sha256ByPath.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.Append("sha256: ").Append(hash).Append(' ').Append(path).Append('\n');
        sb.Append("built: ").Append(BuiltAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Reads the record back from a description (null when there is none).</summary>
    public static TemplateBuildRecord? Parse(string? description)
    {
        if (description is null)
            return null;
        string? template = null,
            source = null,
            repo = null,
            gitRef = null;
        var built = DateTimeOffset.MinValue;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var standIn = false;
        foreach (var line in description.Split('\n'))
        {
            var idx = line.IndexOf(": ", StringComparison.Ordinal);
            if (idx <= 0)
                continue;
            var (key, value) = (line[..idx], line[(idx + 2)..].Trim());
            switch (key)
            {
                case "template":
                    template = value;
                    break;
                case "source":
                    standIn = value.Contains("STAND-IN", StringComparison.Ordinal);
                    source = standIn ? value[..value.IndexOf(" (", StringComparison.Ordinal)] : value;
                    break;
                case "repository" when value.Contains('@'):
                    repo = value[..value.IndexOf('@')];
                    gitRef = value[(value.IndexOf('@') + 1)..];
                    break;
                case "sha256" when value.Contains(' '):
                    hashes[value[(value.IndexOf(' ') + 1)..]] = value[..value.IndexOf(' ')];
                    break;
                case "built":
                    DateTimeOffset.TryParse(
                        value,
                        System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal,
                        out built
                    );
                    break;
            }
        }

        return template is null || source is null
            ? null
            : new TemplateBuildRecord(template, source, built)
            {
                Repository = repo,
                Ref = gitRef,
                Sha256ByPath = hashes,
                StandIn = standIn,
            };
    }
}
