namespace LxcForge.Lxc.Storage;

/// <summary>File writes that never leave a half-written file behind (write beside, then rename).</summary>
public static class FileWrites
{
    public static void WriteAtomically(string path, string text)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Rewrites an existing file in place so it keeps its owner and mode (files of unprivileged containers are id-shifted).</summary>
    public static void RewriteInPlace(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
