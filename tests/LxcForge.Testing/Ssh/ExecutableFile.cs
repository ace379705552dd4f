namespace LxcForge.Testing.Ssh;

/// <summary>Writes small shell scripts that tests put on a PATH.</summary>
public static class ExecutableFile
{
    public static void Write(string path, string script)
    {
        File.WriteAllText(path, script);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
