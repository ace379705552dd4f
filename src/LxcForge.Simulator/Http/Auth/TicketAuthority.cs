using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LxcForge.Simulator.Http.Auth;

/// <summary>
/// Issues and checks tickets (<c>PVE:root@pam:6650A1B3::signature</c>) and CSRF prevention tokens
/// (<c>6650A1B3:signature</c>), both signed with a per-server random key and valid for the ticket lifetime.
/// </summary>
internal sealed class TicketAuthority(TimeProvider clock, TimeSpan lifetime)
{
    // Proxmox allows 5 minutes of clock drift for tickets made "in the future".
    private static readonly TimeSpan Drift = TimeSpan.FromMinutes(5);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string IssueTicket(string user)
    {
        var plain = $"PVE:{user}:{Timestamp()}";
        return $"{plain}::{Sign("ticket:" + plain)}";
    }

    public string IssueCsrfToken(string user)
    {
        var ts = Timestamp();
        return $"{ts}:{Sign($"csrf:{ts}:{user}")}";
    }

    /// <summary>The user a valid ticket names, or null.</summary>
    public string? VerifyTicket(string ticket)
    {
        var split = ticket.LastIndexOf("::", StringComparison.Ordinal);
        if (split < 0)
            return null;
        var plain = ticket[..split];
        var parts = plain.Split(':');
        if (parts.Length != 3 || parts[0] != "PVE" || !Secrets.FixedTimeEquals(Sign("ticket:" + plain), ticket[(split + 2)..]))
            return null;
        return Fresh(parts[2]) ? parts[1] : null;
    }

    public bool VerifyCsrfToken(string user, string? token)
    {
        if (token is null || token.Length < 10 || token[8] != ':')
            return false;
        var ts = token[..8];
        return Secrets.FixedTimeEquals(Sign($"csrf:{ts}:{user}"), token[9..]) && Fresh(ts);
    }

    private bool Fresh(string hexTimestamp)
    {
        if (!long.TryParse(hexTimestamp, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age > -Drift && age < lifetime;
    }

    private string Timestamp() => clock.GetUtcNow().ToUnixTimeSeconds().ToString("X8", CultureInfo.InvariantCulture);

    private string Sign(string data) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(data))).TrimEnd('=');
}
