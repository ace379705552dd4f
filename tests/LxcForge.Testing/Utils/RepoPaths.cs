namespace LxcForge.Testing.Utils;

/// <summary>Finds files by their path in the repository, and the team's shared folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder (<c>../shared</c> beside the repository), or null when absent.</summary>
    public static string? Shared => Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LxcForge.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LxcForge.slnx not found above the test binaries");
    }
}
