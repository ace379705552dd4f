namespace LxcForge.Core.Templates;

/// <summary>
/// Supplies pinned, verified community-script files for one run and serves them from a mirror the node
/// (and its containers) can reach, with the scripts' hard-coded <c>…/main/…</c> URLs rewritten to it.
/// </summary>
public interface IScriptSupply
{
    /// <summary>
    /// Verifies <paramref name="paths"/> against the lock (throws <see cref="ScriptIntegrityException"/>
    /// before anything runs) and starts serving them on <paramref name="bindAddress"/> (127.0.0.1 when null).
    /// </summary>
    Task<ScriptRun> PrepareAsync(IReadOnlyList<string> paths, string? bindAddress, CancellationToken cancellationToken = default);
}

/// <summary>A prepared run: where the mirror is and what it serves. Dispose to stop the mirror.</summary>
public sealed class ScriptRun(
    string mirrorBase,
    string repository,
    string gitRef,
    IReadOnlyDictionary<string, string> sha256ByPath,
    bool standIn,
    IAsyncDisposable lifetime
) : IAsyncDisposable
{
    /// <summary>The mirror's base URL, ending in '/', standing where <c>…/ProxmoxVE/main/</c> stood.</summary>
    public string MirrorBase { get; } = mirrorBase;

    public string Repository { get; } = repository;
    public string Ref { get; } = gitRef;
    public IReadOnlyDictionary<string, string> Sha256ByPath { get; } = sha256ByPath;
    public bool StandIn { get; } = standIn;

    public ValueTask DisposeAsync() => lifetime.DisposeAsync();
}

/// <summary>A script file whose SHA-256 is not the one in the lock file: nothing runs.</summary>
public sealed class ScriptIntegrityException(string path, string? expected, string actual, string lockFile)
    : Exception(
        expected is null
            ? $"{path}: not listed in {lockFile} (got sha256 {actual}); run `lxcforge templates lock` to pin it on purpose"
            : $"{path}: sha256 mismatch against {lockFile}: expected {expected}, got {actual}; refusing to run it"
    )
{
    public string Path { get; } = path;
}
