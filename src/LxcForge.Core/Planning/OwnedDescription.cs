using LxcForge.Core.Ownership;

namespace LxcForge.Core.Planning;

/// <summary>The description deploy gives a container it clones: the ownership line, then what it is for.</summary>
public static class OwnedDescription
{
    public static string For(DesiredContainer desired) =>
        $"{OwnershipMarker.DescriptionLine}\nservice: {desired.Name}\ntemplate: {desired.TemplateName}\n";
}
