namespace LxcForge.Core.Spec;

/// <summary>One LXC template (CTID 900–999 on the template storage), built once and cloned by services.</summary>
public sealed record TemplateSpec
{
    /// <summary>The template's name, also its catalogue key by default (e.g. <c>postgresql</c>).</summary>
    public required string Name { get; init; }

    public required int Ctid { get; init; }

    /// <summary>The catalogue entry this template provides (defaults to <see cref="Name"/>).</summary>
    public string? Service { get; init; }

    public string? Hostname { get; init; }
    public string? Node { get; init; }
    public int? Cores { get; init; }
    public int? Memory { get; init; }

    /// <summary>Root disk, e.g. <c>4G</c>.</summary>
    public string? Disk { get; init; }

    public TemplateSource Source { get; init; } = new();

    public string ServiceKey => Service ?? Name;
}

public enum TemplateSourceKind
{
    /// <summary>A Proxmox community helper script, run unattended, pinned and verified.</summary>
    CommunityScript,

    /// <summary>An OS template plus provisioning steps: no third-party scripts.</summary>
    OsTemplate,
}

public sealed record TemplateSource
{
    public TemplateSourceKind Kind { get; init; } = TemplateSourceKind.CommunityScript;

    /// <summary>The script's path in the repository, e.g. <c>ct/postgresql.sh</c>; null = the catalogue's.</summary>
    public string? Script { get; init; }

    /// <summary>Lines sent on stdin to answer the script's questions; null = the catalogue's.</summary>
    public IReadOnlyList<string>? Answers { get; init; }

    /// <summary>Extra <c>var_*</c> variables for the script.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>For <see cref="TemplateSourceKind.OsTemplate"/>: e.g. <c>debian-12-standard_12.12-1_amd64.tar.zst</c>.</summary>
    public string? OsTemplate { get; init; }

    public ProvisionSpec Provision { get; init; } = new();
}

/// <summary>Provisioning steps for an OS-template build.</summary>
public sealed record ProvisionSpec
{
    public IReadOnlyList<string> Packages { get; init; } = [];
    public IReadOnlyList<string> Commands { get; init; } = [];
    public IReadOnlyList<FileSpec> Files { get; init; } = [];
}

public sealed record FileSpec(string Path, string Content)
{
    public string Mode { get; init; } = "0644";
}
