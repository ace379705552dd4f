using System.Text;

namespace LxcForge.Proxmox.Shell.Runners;

/// <summary>Quotes words for a POSIX shell (the remote login shell of an SSH session).</summary>
public static class PosixQuoting
{
    /// <summary>Wraps <paramref name="word"/> in single quotes; an embedded <c>'</c> becomes <c>'\''</c>. Always safe.</summary>
    public static string Quote(string word)
    {
        if (word.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("A command argument cannot contain a NUL character.", nameof(word));
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Leaves plain words (letters, digits, <c>-_./:=,@%+</c>) alone and quotes the rest; for readable messages and command lines.</summary>
    public static string QuoteIfNeeded(string word) => word.Length > 0 && word.All(IsPlain) ? word : Quote(word);

    /// <summary>A whole command line: each word quoted as needed, joined by spaces.</summary>
    public static string Join(IEnumerable<string> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(QuoteIfNeeded(w));
        }

        return sb.ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal);
}
