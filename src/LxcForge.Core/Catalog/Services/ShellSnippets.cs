using System.Globalization;

namespace LxcForge.Core.Catalog.Services;

/// <summary>Small POSIX sh pieces shared by the service scripts (Debian containers, dash or bash).</summary>
internal static class ShellSnippets
{
    /// <summary>Reads the named secrets from stdin into shell variables and refuses anything but [A-Za-z0-9].</summary>
    public static string ReadSecrets(params string[] variables) =>
        string.Concat(
            variables.Select(v =>
                $$"""
                    IFS= read -r {{v}}
                    case "${{v}}" in ''|*[!A-Za-z0-9]*) echo "{{v}}: expected an alphanumeric secret on stdin" >&2; exit 2;; esac

                    """
            )
        );

    /// <summary>Restarts a systemd unit (or a SysV service where systemd is absent).</summary>
    public static string Restart(string unit) => $"if command -v systemctl >/dev/null 2>&1; then systemctl restart {unit}; else service {unit} restart; fi\n";

    /// <summary>Succeeds when something listens on TCP <paramref name="port"/> (ss from iproute2, netstat as a fallback).</summary>
    public static string PortListening(int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return $$"""
            if command -v ss >/dev/null 2>&1; then ss -Hltn | awk '{print $4}' | grep -Eq '[:.]{{p}}$'
            else netstat -ltn 2>/dev/null | awk '{print $4}' | grep -Eq '[:.]{{p}}$'; fi
            """;
    }

    /// <summary>Succeeds when something answers HTTP at <paramref name="url"/> (any status: it is up, maybe still starting).</summary>
    public static string HttpAnswers(string url) => $"curl -sS -o /dev/null --max-time 5 '{url}'";

    /// <summary>An HTTP GET inside the container that must answer 2xx/3xx; the body goes to stdout.</summary>
    public static string HttpGet(string url) => $"curl -fsS --max-time 10 '{url}'";

    /// <summary>
    /// One word for a POSIX shell, single-quoted (an embedded <c>'</c> becomes <c>'\''</c>): whatever the
    /// value holds, the shell reads it as data, never as code. Spec values reach scripts only this way.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("a shell word cannot contain a NUL character");
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Checks a setting used as an SQL identifier or file name: lower-case letters, digits, underscore.</summary>
    public static string Identifier(string value, string setting) =>
        ServiceSettings.SqlIdentifier(value) is { } problem ? throw new ArgumentException($"settings.{setting}: {problem}") : value;

    /// <summary>A setting naming a file, checked (absolute, normalised) and quoted as one shell word.</summary>
    public static string QuotedPath(string value, string setting) =>
        ServiceSettings.AbsolutePath(value) is { } problem ? throw new ArgumentException($"settings.{setting}: {problem}") : Quote(value);
}
