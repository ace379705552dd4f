using System.Globalization;

namespace LxcForge.Proxmox.Shell.Ssh;

/// <summary>Where and how to reach a node over SSH (<c>--host ssh://root@pve[:port]</c>).</summary>
public sealed record SshTarget(string Host, string User = "root", int Port = 22)
{
    /// <summary>Private key files to offer. When empty: the agent if <see cref="UseAgent"/>, else <c>~/.ssh/id_ed25519</c>, <c>id_ecdsa</c>, <c>id_rsa</c>.</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>Offer the keys of the ssh-agent at <see cref="AgentSocket"/> (default: <c>SSH_AUTH_SOCK</c>).</summary>
    public bool UseAgent { get; init; } = true;

    public string? AgentSocket { get; init; }

    /// <summary>The known_hosts file checked (default <c>~/.ssh/known_hosts</c>). Host key checking cannot be switched off.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>Accept and record a host key when the host has none recorded yet (never a changed one). Off by default.</summary>
    public bool AcceptNewHostKey { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Reads <c>ssh://[user@]host[:port]</c>; the user defaults to root, as Proxmox nodes are administered.</summary>
    public static SshTarget Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || u.Scheme != "ssh" || string.IsNullOrEmpty(u.Host))
            throw new FormatException($"'{uri}' is not an ssh://[user@]host[:port] address");
        if (u.UserInfo.Contains(':', StringComparison.Ordinal))
            throw new FormatException("an ssh:// address cannot carry a password: use a key or the ssh-agent");
        return new SshTarget(
            u.IdnHost,
            string.IsNullOrEmpty(u.UserInfo) ? "root" : Uri.UnescapeDataString(u.UserInfo),
            u.IsDefaultPort || u.Port < 0 ? 22 : u.Port
        );
    }

    public string ResolvedKnownHostsFile => KnownHostsFile ?? Path.Combine(Home, ".ssh", "known_hosts");

    public override string ToString() => Port == 22 ? $"ssh://{User}@{Host}" : $"ssh://{User}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    internal static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
