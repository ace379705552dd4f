namespace LxcForge.Cli.Hosting;

public enum HostKind
{
    /// <summary><c>https://HOST[:8006]</c>: the Proxmox REST API.</summary>
    ProxmoxApi,

    /// <summary><c>ssh://USER@HOST[:PORT]</c> or <c>local</c>: pct and friends through a shell.</summary>
    Shell,

    /// <summary><c>lxc://[PATH]</c>: plain LXC on this machine.</summary>
    Lxc,

    /// <summary><c>sim://NAME</c> (kept under the data directory) or <c>sim://</c> (fresh, in memory).</summary>
    Simulator,
}

/// <summary>A parsed <c>--host</c> value.</summary>
/// <param name="Text">As the user gave it (never holds a secret: credentials in a URL are refused).</param>
/// <param name="Name">The simulator's name (null for a fresh one) or the LXC path.</param>
public sealed record HostAddress(HostKind Kind, string Text, Uri? ApiUrl = null, string? Name = null)
{
    /// <summary>What <c>--host</c> means when it is not given: the persistent simulator, so nothing real is touched by accident.</summary>
    public const string Default = "sim://default";

    /// <summary>Whether <paramref name="name"/> can name a kept simulator (<c>sim://NAME</c>, <c>--state NAME</c>): a file name, nothing more.</summary>
    public static bool IsSimulatorName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.StartsWith('.');

    public static HostAddress Parse(string text)
    {
        var t = text.Trim();
        if (t == "local" || t.StartsWith("ssh://", StringComparison.Ordinal))
            return new HostAddress(HostKind.Shell, t);
        if (t.StartsWith("lxc://", StringComparison.Ordinal))
            return new HostAddress(HostKind.Lxc, t, Name: t["lxc://".Length..] is { Length: > 0 } p ? p : null);
        if (t.StartsWith("sim://", StringComparison.Ordinal))
        {
            var name = t["sim://".Length..].TrimEnd('/');
            if (name.Length > 0 && !IsSimulatorName(name))
                throw new FormatException($"--host {t}: a simulator name may hold letters, digits, '-', '_' and '.' only");
            return new HostAddress(HostKind.Simulator, t, Name: name.Length > 0 ? name : null);
        }

        if (t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(t, UriKind.Absolute, out var uri))
                throw new FormatException($"--host {t}: not a URL (expected https://HOST:8006)");
            if (uri.UserInfo.Length > 0)
                throw new FormatException("--host: credentials do not belong in the URL (they would show in process lists); use --token-file or PVE_TOKEN");
            if (uri.Scheme != Uri.UriSchemeHttps)
                throw new FormatException($"--host {t}: Proxmox speaks HTTPS only (https://HOST:8006)");
            var port = uri.IsDefaultPort && !t.Contains(":443", StringComparison.Ordinal) ? 8006 : uri.Port;
            return new HostAddress(HostKind.ProxmoxApi, t, new UriBuilder(uri.Scheme, uri.Host, port).Uri);
        }

        throw new FormatException(
            $"--host {t}: unknown kind of host; use https://HOST:8006, ssh://root@HOST[:PORT], local, lxc://[PATH], sim://NAME or sim://"
        );
    }
}
