namespace LxcForge.Proxmox.Api.Transport;

/// <summary>How LxcForge proves who it is to a Proxmox host. <see cref="object.ToString"/> never shows the secret.</summary>
public abstract record PveCredentials
{
    private protected PveCredentials() { }

    /// <summary>The identity Proxmox sees: <c>root@pam</c>, or a token id such as <c>root@pam!deploy</c>.</summary>
    public abstract string Identity { get; }

    /// <summary>True only for a ticket login as <c>root@pam</c>: Proxmox lets nobody else, not even root's tokens,
    /// set feature flags other than nesting, bind mounts or devices (docs/proxmox-behaviour.md#root-only-options).</summary>
    public abstract bool IsRootAtPam { get; }

    /// <summary>The secret itself, for tests that check it never leaks.</summary>
    internal abstract string Secret { get; }

    /// <summary>
    /// Reads an API token as Proxmox prints it on creation: <c>USER@REALM!TOKENID=SECRET</c> (also accepts a
    /// <c>PVEAPIToken=</c> prefix, a space for the first <c>=</c>, and surrounding blanks or a trailing newline).
    /// </summary>
    public static ApiToken ParseToken(string text, string source)
    {
        var t = text.Trim();
        if (t.StartsWith("PVEAPIToken=", StringComparison.OrdinalIgnoreCase))
            t = t["PVEAPIToken=".Length..];
        var bang = t.IndexOf('!');
        var sep = bang < 0 ? -1 : t.IndexOfAny(['=', ' '], bang);
        if (bang <= 0 || !t[..bang].Contains('@') || sep <= bang + 1 || sep == t.Length - 1)
            throw new FormatException($"{source}: not an API token; expected USER@REALM!TOKENID=SECRET (for example root@pam!lxcforge=xxxxxxxx-xxxx-...)");
        return new ApiToken(t[..sep], t[(sep + 1)..].Trim());
    }
}

/// <summary>An API token: <c>Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET</c>. Needs no CSRF token.</summary>
public sealed record ApiToken(string TokenId, string TokenSecret) : PveCredentials
{
    public override string Identity => TokenId;

    public override bool IsRootAtPam => false;

    internal override string Secret => TokenSecret;

    public override string ToString() => $"API token {TokenId}";
}

/// <summary>A user and password for a ticket (<c>POST /access/ticket</c>), renewed before it expires.</summary>
public sealed record PasswordLogin(string Username, string Password) : PveCredentials
{
    public override string Identity => Username;

    public override bool IsRootAtPam => Username == "root@pam";

    internal override string Secret => Password;

    public override string ToString() => $"password login {Username}";
}
