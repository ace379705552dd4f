namespace LxcForge.Core.Hosting;

/// <summary>A typed view of <c>features</c>: <c>keyctl=1,nesting=1</c>.</summary>
public sealed record ContainerFeatures
{
    public bool Nesting { get; init; }
    public bool Keyctl { get; init; }
    public bool Fuse { get; init; }
    public bool Mknod { get; init; }
    public bool ForceRwSys { get; init; }

    /// <summary>Allowed filesystem types, <c>nfs;cifs</c>.</summary>
    public string? Mount { get; init; }

    public static ContainerFeatures None { get; } = new();

    public bool IsEmpty => this == None;

    public static ContainerFeatures Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return None;
        var p = PropertyString.Parse(text, PropertyFormat.Features);
        return new ContainerFeatures
        {
            Nesting = PropertyString.ParseBool(p["nesting"]) ?? false,
            Keyctl = PropertyString.ParseBool(p["keyctl"]) ?? false,
            Fuse = PropertyString.ParseBool(p["fuse"]) ?? false,
            Mknod = PropertyString.ParseBool(p["mknod"]) ?? false,
            ForceRwSys = PropertyString.ParseBool(p["force_rw_sys"]) ?? false,
            Mount = p["mount"],
        };
    }

    /// <summary>Canonical text with only the enabled flags, sorted; empty when none.</summary>
    public override string ToString() =>
        PropertyString
            .Empty(PropertyFormat.Features)
            .With("nesting", Nesting ? "1" : null)
            .With("keyctl", Keyctl ? "1" : null)
            .With("fuse", Fuse ? "1" : null)
            .With("mknod", Mknod ? "1" : null)
            .With("force_rw_sys", ForceRwSys ? "1" : null)
            .With("mount", Mount)
            .ToString();

    /// <summary>Proxmox lets only root@pam set any flag but nesting (docs/proxmox-behaviour.md#root-only-options).</summary>
    public bool NeedsRootAtPam => Keyctl || Fuse || Mknod || ForceRwSys || Mount is not null;
}
