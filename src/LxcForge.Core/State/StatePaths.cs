namespace LxcForge.Core.State;

/// <summary>Where LxcForge keeps its local state: <c>$XDG_DATA_HOME/lxcforge</c> (default <c>~/.local/share/lxcforge</c>).</summary>
public static class StatePaths
{
    public static string DataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "lxcforge");
    }

    public static string DefaultDatabase() => Path.Combine(DataDirectory(), "state.db");
}
