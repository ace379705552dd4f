using LxcForge.Core.Ownership;

namespace LxcForge.Core.Planning;

/// <summary>The description deploy gives a container it clones: the ownership line bound to its CTID and id, then what it is for.</summary>
public static class OwnedDescription
{
    public static string For(DesiredContainer desired, string id) =>
        $"{OwnershipMarker.ServiceLine(desired.Ctid, id)}\nservice: {desired.Name}\ntemplate: {desired.TemplateName}\n";
}
