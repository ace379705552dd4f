using LxcForge.Core.Hosting;

namespace LxcForge.Core.Ownership;

/// <summary>
/// How LxcForge marks the containers it creates, so it can tell them from containers it must never touch:
/// the tag <c>lxcforge</c> and a description line <c>managed-by: lxcforge</c>. A container is owned only
/// when it carries both (a tag alone is too easy to add by hand in the GUI; a description alone is invisible
/// in lists).
/// </summary>
public static class OwnershipMarker
{
    /// <summary>The tag every owned container carries (Proxmox tags are lower case, separated by <c>;</c>).</summary>
    public const string Tag = "lxcforge";

    /// <summary>The line every owned container's description contains.</summary>
    public const string DescriptionLine = "managed-by: lxcforge";

    /// <summary>True when the tag list holds <see cref="Tag"/> (cheap: works on a <see cref="ContainerSummary"/>).</summary>
    public static bool HasTag(IEnumerable<string> tags) => tags.Any(t => string.Equals(t.Trim(), Tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when one line of the description is exactly <see cref="DescriptionLine"/> (surrounding blanks ignored).</summary>
    public static bool HasDescriptionLine(string? description) =>
        description is not null && description.Split('\n').Any(l => l.Trim().TrimEnd('\r') == DescriptionLine);

    /// <summary>True when the container carries both marks.</summary>
    public static bool IsOwned(ContainerConfig config) => HasTag(config.Tags) && HasDescriptionLine(config.Description);

    /// <summary>The description with the marker line appended when missing; other lines are kept as they were.</summary>
    public static string MarkDescription(string? description)
    {
        if (HasDescriptionLine(description))
            return description!;
        return string.IsNullOrEmpty(description) ? DescriptionLine : description.TrimEnd('\n') + "\n" + DescriptionLine;
    }

    /// <summary>The <c>tags</c> value with <see cref="Tag"/> added when missing, in Proxmox's <c>;</c>-separated form.</summary>
    public static string MarkTags(string? tags)
    {
        var list = ContainerConfig.ParseTags(tags).ToList();
        if (!HasTag(list))
            list.Add(Tag);
        return string.Join(';', list);
    }

    /// <summary>The config change that marks <paramref name="config"/> as owned (empty when it already is).</summary>
    public static ConfigChange Mark(ContainerConfig config)
    {
        var set = new Dictionary<string, string>();
        if (!HasTag(config.Tags))
            set["tags"] = MarkTags(config["tags"]);
        if (!HasDescriptionLine(config.Description))
            set["description"] = MarkDescription(config.Description);
        return new ConfigChange { Set = set };
    }
}
