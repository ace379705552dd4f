using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LxcForge.Proxmox.Shell.Ssh;

/// <summary>
/// An OpenSSH <c>known_hosts</c> file: plain and hashed (<c>|1|salt|hash</c>) host patterns, <c>[host]:port</c>
/// for ports other than 22, <c>*</c>/<c>?</c> wildcards, <c>!</c> negation and <c>@revoked</c> keys.
/// </summary>
public sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(string path, List<Entry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    /// <summary>What the file says about a host key.</summary>
    public enum Verdict
    {
        Known,

        /// <summary>No key at all is recorded for this host.</summary>
        Unknown,

        /// <summary>Other keys are recorded for this host: the key changed (or someone is in the middle).</summary>
        Changed,
        Revoked,
    }

    /// <summary>Reads the file; a missing file is an empty one.</summary>
    public static KnownHosts Load(string path)
    {
        var entries = new List<Entry>();
        if (File.Exists(path))
        {
            foreach (var raw in File.ReadAllLines(path))
            {
                if (Entry.TryParse(raw) is { } e)
                    entries.Add(e);
            }
        }

        return new KnownHosts(path, entries);
    }

    /// <summary>The name a host has in the file: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public static string HostToken(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>Key types (<c>ssh-ed25519</c>, <c>ssh-rsa</c>, …) recorded for a host, for choosing host key algorithms.</summary>
    public IReadOnlySet<string> KeyTypesFor(string host, int port) =>
        _entries.Where(e => e.Marker is null && e.Matches(HostToken(host, port))).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);

    public Verdict Check(string host, int port, byte[] keyBlob)
    {
        var token = HostToken(host, port);
        var forHost = _entries.Where(e => e.Matches(token)).ToList();
        if (forHost.Any(e => e.Marker == "@revoked" && e.Key.AsSpan().SequenceEqual(keyBlob)))
            return Verdict.Revoked;
        var plain = forHost.Where(e => e.Marker is null).ToList();
        if (plain.Any(e => e.Key.AsSpan().SequenceEqual(keyBlob)))
            return Verdict.Known;
        return plain.Count == 0 ? Verdict.Unknown : Verdict.Changed;
    }

    /// <summary>Records a newly accepted key (the user's explicit opt-in), like <c>StrictHostKeyChecking=accept-new</c>.</summary>
    public void Add(string host, int port, byte[] keyBlob)
    {
        var type = KeyTypeOf(keyBlob);
        var line = $"{HostToken(host, port)} {type} {Convert.ToBase64String(keyBlob)}";
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (dir is not null && !Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(dir);
            else
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var needsNewline = File.Exists(Path) && new FileInfo(Path).Length > 0 && !File.ReadAllText(Path).EndsWith('\n');
        File.AppendAllText(Path, (needsNewline ? "\n" : "") + line + "\n");
        _entries.Add(new Entry(null, [HostToken(host, port)], type, keyBlob));
    }

    /// <summary>The SHA256 fingerprint as OpenSSH prints it (<c>SHA256:base64-without-padding</c>).</summary>
    public static string Fingerprint(byte[] keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type named at the start of an SSH public key blob.</summary>
    public static string KeyTypeOf(byte[] keyBlob)
    {
        if (keyBlob.Length < 4)
            return "unknown";
        var len = (int)BinaryPrimitives.ReadUInt32BigEndian(keyBlob);
        return len > 0 && 4 + len <= keyBlob.Length ? Encoding.ASCII.GetString(keyBlob, 4, len) : "unknown";
    }

    private sealed record Entry(string? Marker, IReadOnlyList<string> Patterns, string KeyType, byte[] Key)
    {
        public static Entry? TryParse(string raw)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                return null;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string? marker = null;
            if (fields[0].StartsWith('@'))
            {
                marker = fields[0];
                fields = fields[1..];
            }

            if (fields.Length < 3 || marker == "@cert-authority")
                return null; // certificate authorities are not supported: such a host shows as unknown
            try
            {
                return new Entry(marker, fields[0].Split(','), fields[1], Convert.FromBase64String(fields[2]));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        public bool Matches(string token)
        {
            var matched = false;
            foreach (var pattern in Patterns)
            {
                var negated = pattern.StartsWith('!');
                var p = negated ? pattern[1..] : pattern;
                if (!PatternMatches(p, token))
                    continue;
                if (negated)
                    return false;
                matched = true;
            }

            return matched;
        }

        private static bool PatternMatches(string pattern, string token)
        {
            if (pattern.StartsWith("|1|", StringComparison.Ordinal))
            {
                var parts = pattern.Split('|');
                if (parts.Length != 4)
                    return false;
                try
                {
#pragma warning disable CA5350 // OpenSSH defines hashed known_hosts names as HMAC-SHA1; this only reads them.
                    var hash = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.UTF8.GetBytes(token));
#pragma warning restore CA5350
                    return hash.AsSpan().SequenceEqual(Convert.FromBase64String(parts[3]));
                }
                catch (FormatException)
                {
                    return false;
                }
            }

            if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
                return string.Equals(pattern, token, StringComparison.OrdinalIgnoreCase);
            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
            return Regex.IsMatch(token, regex, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }
    }
}
