using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>
/// Turns a Proxmox error response into a <see cref="HostException"/> of the right kind. Proxmox sends a plain
/// <c>die</c> as HTTP 500 with the message as reason phrase and (PVE 8.3+) in <c>message</c>, so the kind is read
/// from the text for 500s (docs/proxmox-behaviour.md#rest-transport and #error-texts).
/// </summary>
public static class ApiErrorMapper
{
    private static readonly string[] LockPhrases = ["is locked", "can't lock file", "got timeout", "trying to acquire lock"];
    private static readonly string[] MissingPhrases = ["does not exist", "no such ", "not found"];
    private static readonly string[] TransientPhrases =
    [
        "got no worker upid",
        "temporarily",
        "try again later",
        "connection refused",
        "connection timed out",
        "broken pipe",
        "proxy",
        "cluster not ready",
    ];

    /// <summary>Maps an error; <paramref name="host"/> names the server in authentication messages.</summary>
    public static HostException Map(int status, string? message, IReadOnlyDictionary<string, string>? errors, string host)
    {
        var text = Clean(message, status);
        var paramErrors = errors ?? new Dictionary<string, string>();
        var kind = Classify(status, text, paramErrors);
        var full = kind switch
        {
            HostErrorKind.AuthenticationFailed =>
                $"{host} refused our credentials ({text}). Check the API token (USER@REALM!TOKENID=SECRET in the token file or PVE_TOKEN) or the password; not retrying.",
            HostErrorKind.PermissionDenied => PermissionMessage(text),
            _ when paramErrors.Count > 0 => $"{text} {string.Join("; ", paramErrors.Select(e => $"{e.Key}: {e.Value.Trim()}"))}",
            _ => text,
        };
        return new HostException(kind, full) { ParameterErrors = paramErrors };
    }

    /// <summary>The kind of failure a task's exit status stands for: a lock that was busy is transient, anything else a failed task.</summary>
    public static HostErrorKind ClassifyTaskError(string exitStatus) => ContainsAny(exitStatus, LockPhrases) ? HostErrorKind.Locked : HostErrorKind.TaskFailed;

    private static HostErrorKind Classify(int status, string text, IReadOnlyDictionary<string, string> errors)
    {
        switch (status)
        {
            case 401:
                return HostErrorKind.AuthenticationFailed;
            case 403:
                return HostErrorKind.PermissionDenied;
            case 501:
                return HostErrorKind.Unsupported;
            case 408 or 429:
                return HostErrorKind.Transient;
        }

        if (errors.Values.Any(v => v.Contains("already exists", StringComparison.OrdinalIgnoreCase)))
            return HostErrorKind.AlreadyExists;
        if (ContainsAny(text, LockPhrases))
            return HostErrorKind.Locked;
        if (status == 400)
            return HostErrorKind.InvalidRequest;
        if (text.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            return HostErrorKind.AlreadyExists;
        if (ContainsAny(text, MissingPhrases))
            return HostErrorKind.NotFound;
        // 502-504 come from proxies, 595/596 from pveproxy failing to reach another node: worth another try.
        if (status is 502 or 503 or 504 or 595 or 596 || ContainsAny(text, TransientPhrases))
            return HostErrorKind.Transient;
        // A 500 with no text of its own is a server fault, not one of Proxmox's deliberate refusals.
        if (status >= 500 && IsGeneric(text, status))
            return HostErrorKind.Transient;
        return HostErrorKind.InvalidRequest;
    }

    private static string PermissionMessage(string text)
    {
        var hint = text.Contains("root@pam", StringComparison.OrdinalIgnoreCase)
            ? " Only root@pam itself (a ticket login, not an API token - even root@pam's own tokens count as another user) may do this: use --ssh root@HOST or log in as root@pam."
            : " Grant the privilege named above to the token (and to its user when the token is privilege-separated).";
        return $"Permission denied: {text}.{hint}";
    }

    private static string Clean(string? message, int status)
    {
        var text = (message ?? string.Empty).Trim();
        // The reason phrase repeats the status: "500 CT 200 already exists on node 'pve'".
        var prefix = status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ";
        if (text.StartsWith(prefix, StringComparison.Ordinal))
            text = text[prefix.Length..];
        return text.Length == 0 ? $"HTTP {status}" : text;
    }

    private static bool IsGeneric(string text, int status) =>
        text == $"HTTP {status}"
        || text.Equals("Internal Server Error", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Server Error", StringComparison.OrdinalIgnoreCase);

    private static bool ContainsAny(string text, string[] phrases) => phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
}
