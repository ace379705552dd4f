using System.Globalization;

namespace LxcForge.Core.Locking;

/// <summary>Who holds a host lock: user, machine, process, what it runs and since when; written into the lock object.</summary>
public sealed record HostLockHolder(string User, string Machine, int Pid, string Command, DateTimeOffset Since, string Token)
{
    public static HostLockHolder Current(string command, TimeProvider time) =>
        new(Environment.UserName, Environment.MachineName, Environment.ProcessId, command, time.GetUtcNow(), Guid.NewGuid().ToString("N"));

    /// <summary>One line, <c>lxcforge-lock user=… machine=… pid=… command=… since=… token=…</c> (no spaces inside values).</summary>
    public string Format() =>
        $"lxcforge-lock user={Clean(User)} machine={Clean(Machine)} pid={Pid.ToString(CultureInfo.InvariantCulture)} command={Clean(Command)} since={Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} token={Token}";

    /// <summary>The holder read back, or null when the text is not one LxcForge wrote.</summary>
    public static HostLockHolder? Parse(string? text)
    {
        if (text is null || !text.TrimStart().StartsWith("lxcforge-lock ", StringComparison.Ordinal))
            return null;
        var fields = text.Trim()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(w => w.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new HostLockHolder(
            fields.GetValueOrDefault("user", "?"),
            fields.GetValueOrDefault("machine", "?"),
            int.TryParse(fields.GetValueOrDefault("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0,
            fields.GetValueOrDefault("command", "?"),
            DateTimeOffset.TryParse(fields.GetValueOrDefault("since"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                ? since
                : DateTimeOffset.MinValue,
            fields.GetValueOrDefault("token", "")
        );
    }

    /// <summary>For messages: <c>alice on build-1 (pid 4242, deploy) since 2026-12-04T17:00:00Z</c>.</summary>
    public string Describe() =>
        $"{User} on {Machine} (pid {Pid.ToString(CultureInfo.InvariantCulture)}, {Command}) since {Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";

    private static string Clean(string value) => string.Concat(value.Select(c => char.IsWhiteSpace(c) || c == '=' ? '_' : c));
}
