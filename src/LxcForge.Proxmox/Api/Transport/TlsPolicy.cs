using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>
/// How the host's TLS certificate is checked. The default trusts the system's CAs only. Proxmox hosts usually
/// have a self-signed certificate: pin its SHA-256 fingerprint (shown in the GUI under the node's
/// Certificates, or by <c>pvenode cert info</c>). Accepting any certificate needs the loud opt-out
/// <see cref="InsecureSkipVerify"/>.
/// </summary>
public sealed record TlsPolicy
{
    private TlsPolicy(string? pinnedSha256, bool insecure)
    {
        PinnedSha256 = pinnedSha256;
        InsecureSkipVerify = insecure;
    }

    /// <summary>Trust the system's certificate authorities (and the host name) only.</summary>
    public static TlsPolicy SystemTrust { get; } = new(null, false);

    /// <summary>Accept anything: only when the user asked for <c>--insecure-skip-tls-verify</c> by name.</summary>
    public static TlsPolicy Insecure { get; } = new(null, true);

    /// <summary>Accept exactly the certificate with this SHA-256 fingerprint (<c>AB:CD:…</c> or plain hex).</summary>
    public static TlsPolicy Pinned(string sha256Fingerprint) => new(NormalizeFingerprint(sha256Fingerprint), false);

    /// <summary>The pinned fingerprint, upper-case hex with colons, or null.</summary>
    public string? PinnedSha256 { get; }

    public bool InsecureSkipVerify { get; }

    /// <summary>The certificate's SHA-256 fingerprint in Proxmox's form: <c>AB:CD:…</c>.</summary>
    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    public static string NormalizeFingerprint(string text)
    {
        var hex = new string(text.Where(c => c != ':' && !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            throw new FormatException($"'{text}' is not a SHA-256 fingerprint (64 hex digits, optionally separated by colons)");
        return string.Join(':', Enumerable.Range(0, 32).Select(i => hex.Substring(i * 2, 2)));
    }

    /// <summary>Null when the certificate is accepted, otherwise why not (fingerprints are not secrets).</summary>
    internal string? Check(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (InsecureSkipVerify)
            return null;
        if (certificate is null)
            return "the host presented no certificate";
        var seen = Fingerprint(certificate);
        if (PinnedSha256 is not null)
        {
            return seen == PinnedSha256
                ? null
                : $"its certificate's SHA-256 fingerprint {seen} does not match the pinned {PinnedSha256}; refusing to connect (if the host's certificate was renewed on purpose, pin the new fingerprint)";
        }

        return errors == SslPolicyErrors.None
            ? null
            : $"its certificate is not trusted ({errors}); Proxmox hosts usually have a self-signed certificate: compare its SHA-256 fingerprint {seen} with the host's (pvenode cert info) and pin it with --fingerprint";
    }
}
