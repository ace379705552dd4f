namespace LxcForge.Cli.Hosting;

/// <summary>Where LxcForge keeps its files for this user: <c>$XDG_DATA_HOME/lxcforge</c>, else <c>~/.local/share/lxcforge</c>.</summary>
public static class DataDirectory
{
    public static string Resolve(Func<string, string?> environment)
    {
        var xdg = environment("XDG_DATA_HOME");
        var baseDir =
            !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(
                    environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                    ".local",
                    "share"
                );
        return Path.Combine(baseDir, "lxcforge");
    }
}
