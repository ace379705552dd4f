using LxcForge.Core.Hosting;

namespace LxcForge.Core.Backups;

/// <summary>
/// The copy restore takes of the container it replaces, marked by its notes. It is no backup the operator
/// asked for: retention does not count it, and it has its own shorter rule — only the newest safety copy of
/// each container is kept (enough to undo the last restore); older ones are pruned whenever retention runs.
/// </summary>
public static class SafetyCopy
{
    /// <summary>How a safety copy's notes begin.</summary>
    public const string NotesPrefix = "lxcforge safety copy";

    /// <summary>Safety copies kept per container.</summary>
    public const int Keep = 1;

    public static bool Is(BackupInfo backup) => backup.Notes?.StartsWith(NotesPrefix, StringComparison.Ordinal) == true;
}
