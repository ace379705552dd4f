namespace LxcForge.Core.Catalog;

/// <summary>
/// What LxcForge knows about one built-in service: the community script that builds its template,
/// the script's own resource defaults and questions, its ports, and its place in the default fleet.
/// Each <see cref="Services.BuiltInService"/> carries its own.
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>Catalogue key, e.g. <c>postgresql</c>.</summary>
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The ct script in the community repository, e.g. <c>ct/postgresql.sh</c>.</summary>
    public required string Script { get; init; }

    /// <summary>The install script the ct script runs inside the container.</summary>
    public required string InstallScript { get; init; }

    /// <summary>The script's defaults: var_cpu, var_ram (MiB), var_disk (GiB).</summary>
    public required int Cores { get; init; }

    public required int MemoryMb { get; init; }
    public required int DiskGb { get; init; }

    /// <summary>Tags the script adds (after <c>community-script</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>TCP ports the service listens on.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>Lines to send on stdin to answer the script's <c>read</c> prompts.</summary>
    public IReadOnlyList<string> StdinAnswers { get; init; } = [];

    /// <summary>Docker-in-LXC needs nesting and keyctl.</summary>
    public bool NeedsNesting { get; init; }

    public bool NeedsKeyctl { get; init; }

    /// <summary>The default template CTID (900–999) and service CTID (200–299).</summary>
    public required int TemplateCtid { get; init; }

    public required int ServiceCtid { get; init; }

    /// <summary>The default static address on the fleet bridge.</summary>
    public required string ServiceIp { get; init; }

    public required string ServiceHostname { get; init; }
}
