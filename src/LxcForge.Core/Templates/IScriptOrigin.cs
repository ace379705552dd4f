namespace LxcForge.Core.Templates;

/// <summary>Where community-script files come from: the network at a pinned ref, a local copy, or the simulator's stand-ins.</summary>
public interface IScriptOrigin
{
    /// <summary>The repository these files stand for, e.g. <c>community-scripts/ProxmoxVE</c>.</summary>
    string Repository { get; }

    /// <summary>The commit (or stand-in version) the files are taken at.</summary>
    string Ref { get; }

    /// <summary>True for the simulator's stand-in copy: everything built from it is labelled so.</summary>
    bool IsStandIn { get; }

    /// <summary>The file's bytes, or null when the repository has no such file.</summary>
    Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default);
}
