using System.Security.Cryptography;

namespace LxcForge.Core.State;

public sealed partial class StateStore
{
    private const string SecretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>A new secret from the CSPRNG: 32 characters of an unambiguous alphanumeric alphabet (~183 bits).</summary>
    public static string GenerateSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 32);

    /// <summary>The stored secret, or a new one generated and stored first (so a re-run reuses it).</summary>
    public string GetOrCreateSecret(string host, string service, string name)
    {
        var insert = "INSERT OR IGNORE INTO secrets (host, service, name, value, created) VALUES ($h, $s, $n, $v, $t)";
        Execute(insert, ("$h", host), ("$s", service), ("$n", name), ("$v", GenerateSecret()), ("$t", Now()));
        return Query(
            "SELECT value FROM secrets WHERE host = $h AND service = $s AND name = $n",
            r => r.GetString(0),
            ("$h", host),
            ("$s", service),
            ("$n", name)
        )[0];
    }

    /// <summary>Every secret of a service on a host, by name.</summary>
    public IReadOnlyDictionary<string, string> GetSecrets(string host, string service) =>
        Query(
                "SELECT name, value FROM secrets WHERE host = $h AND service = $s ORDER BY name",
                r => (r.GetString(0), r.GetString(1)),
                ("$h", host),
                ("$s", service)
            )
            .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Every (host, service) with stored secrets, for messages that list what exists.</summary>
    public IReadOnlyList<(string Host, string Service)> SecretOwners() =>
        Query("SELECT DISTINCT host, service FROM secrets ORDER BY host, service", r => (r.GetString(0), r.GetString(1)));
}
