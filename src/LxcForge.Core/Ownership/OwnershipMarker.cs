using System.Globalization;
using System.Security.Cryptography;
using LxcForge.Core.Hosting;

namespace LxcForge.Core.Ownership;

/// <summary>
/// How LxcForge marks the containers it creates, so it can tell them from containers it must never touch:
/// the tag <c>lxcforge</c> and a description line that binds the mark to one container —
/// <c>managed-by: lxcforge ct=206 id=…</c> for a service container, <c>managed-by: lxcforge template ct=906</c>
/// for a template. <c>pct clone</c> copies tags and description, so a copy carries a line naming another
/// CTID (or a template line) and is foreign. The <c>id</c> is random per container and recorded in the
/// local state; the CTID alone still decides when the state is lost (see docs/ownership.md).
/// </summary>
public static class OwnershipMarker
{
    /// <summary>The tag every owned container carries (Proxmox tags are lower case, separated by <c>;</c>).</summary>
    public const string Tag = "lxcforge";

    /// <summary>The marker line before it named a CTID (still accepted for a service whose CTID the spec names; rewritten on deploy).</summary>
    public const string DescriptionLine = "managed-by: lxcforge";

    /// <summary>The service marker line for the container at <paramref name="ctid"/>.</summary>
    public static string ServiceLine(int ctid, string id) => $"{DescriptionLine} ct={ctid.ToString(CultureInfo.InvariantCulture)} id={id}";

    /// <summary>The template marker line for the template at <paramref name="ctid"/>: a clone of it is no service of ours.</summary>
    public static string TemplateLine(int ctid) => $"{DescriptionLine} template ct={ctid.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A new per-container id (64 random bits, hex).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>True when the tag list holds <see cref="Tag"/> (cheap: works on a <see cref="ContainerSummary"/>).</summary>
    public static bool HasTag(IEnumerable<string> tags) => tags.Any(t => string.Equals(t.Trim(), Tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the description holds any marker line (old or new format, service or template).</summary>
    public static bool HasDescriptionLine(string? description) => Marker.Read(description).Kind != MarkerKind.None;

    /// <summary>
    /// True when <paramref name="info"/> is a service container of ours: the tag, and a service line naming its own
    /// CTID (or the old line with a <c>service:</c> line, naming <paramref name="expectedService"/> when given).
    /// </summary>
    public static bool IsOwned(ContainerInfo info, string? expectedService = null) => Why(info, expectedService) is null;

    /// <summary>True when <paramref name="info"/> is a template of ours (template line naming its CTID, or the old line).</summary>
    public static bool IsOwnedTemplate(ContainerInfo info)
    {
        var marker = Marker.Read(info.Config.Description);
        return HasTag(info.Config.Tags) && (marker.Kind == MarkerKind.Template && marker.Ctid == info.Vmid || marker.Kind == MarkerKind.Legacy);
    }

    /// <summary>Null when <paramref name="info"/> is a service container of ours, else why it is not (for messages).</summary>
    public static string? Why(ContainerInfo info, string? expectedService = null)
    {
        var marker = Marker.Read(info.Config.Description);
        if (!HasTag(info.Config.Tags) || marker.Kind == MarkerKind.None)
            return $"no tag '{Tag}' and '{DescriptionLine}' line";
        if (info.IsTemplate)
            return "it is a template";
        return marker.Kind switch
        {
            MarkerKind.Template => $"it carries only the template marker of CT {marker.Ctid} (a copy of a template, not made by LxcForge)",
            MarkerKind.Service when marker.Ctid != info.Vmid => $"its marker names CT {marker.Ctid} (a copy of another container)",
            MarkerKind.Legacy when marker.Service is null => "it carries the old marker without a 'service:' line (a copy of a template)",
            MarkerKind.Legacy when expectedService is not null && marker.Service != expectedService =>
                $"its old marker names service '{marker.Service}', not '{expectedService}'",
            _ => null,
        };
    }

    /// <summary>The <c>tags</c> value with <see cref="Tag"/> added when missing, in Proxmox's <c>;</c>-separated form.</summary>
    public static string MarkTags(string? tags)
    {
        var list = ContainerConfig.ParseTags(tags).ToList();
        if (!HasTag(list))
            list.Add(Tag);
        return string.Join(';', list);
    }

    /// <summary>The description with every marker line replaced by <paramref name="line"/> (first), other lines kept.</summary>
    public static string WithLine(string? description, string line)
    {
        var rest = (description ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => Marker.ReadLine(l) is null).ToList();
        while (rest.Count > 0 && rest[^1].Length == 0)
            rest.RemoveAt(rest.Count - 1);
        return rest.Count == 0 ? line + "\n" : line + "\n" + string.Join('\n', rest) + "\n";
    }
}

public enum MarkerKind
{
    None,

    /// <summary><c>managed-by: lxcforge ct=N id=X</c>.</summary>
    Service,

    /// <summary><c>managed-by: lxcforge template ct=N</c>.</summary>
    Template,

    /// <summary>The bare <c>managed-by: lxcforge</c> of earlier versions.</summary>
    Legacy,
}

/// <summary>The marker read from a description: its kind, the CTID and id it names, and (old format) the <c>service:</c> line.</summary>
public sealed record Marker(MarkerKind Kind, int? Ctid = null, string? Id = null, string? Service = null)
{
    public static Marker None { get; } = new(MarkerKind.None);

    public static Marker Read(string? description)
    {
        if (description is null)
            return None;
        var lines = description.Split('\n').Select(l => l.Trim().TrimEnd('\r')).ToList();
        var marker = lines.Select(ReadLine).FirstOrDefault(m => m is not null) ?? None;
        if (marker.Kind != MarkerKind.Legacy)
            return marker;
        var service = lines.FirstOrDefault(l => l.StartsWith("service: ", StringComparison.Ordinal))?["service: ".Length..].Trim();
        return marker with { Service = service };
    }

    /// <summary>The marker one line holds, or null.</summary>
    public static Marker? ReadLine(string line)
    {
        line = line.Trim();
        if (line == OwnershipMarker.DescriptionLine)
            return new Marker(MarkerKind.Legacy);
        if (!line.StartsWith(OwnershipMarker.DescriptionLine + " ", StringComparison.Ordinal))
            return null;
        var words = line[(OwnershipMarker.DescriptionLine.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var template = words.Contains("template");
        int? ctid = null;
        string? id = null;
        foreach (var word in words)
        {
            if (word.StartsWith("ct=", StringComparison.Ordinal) && int.TryParse(word[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                ctid = c;
            else if (word.StartsWith("id=", StringComparison.Ordinal) && word.Length > 3)
                id = word[3..];
        }

        if (ctid is null)
            return null;
        return template ? new Marker(MarkerKind.Template, ctid)
            : id is null ? null
            : new Marker(MarkerKind.Service, ctid, id);
    }
}
