namespace LxcForge.Simulator.Http;

/// <summary>How to run a <see cref="SimulatorServer"/>. The defaults suit tests: an ephemeral port, HTTPS, fresh secrets.</summary>
public sealed record SimulatorServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read the real one from <see cref="SimulatorEndpoint.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>HTTPS with a self-signed certificate made at start (Proxmox's only mode); false serves plain HTTP.</summary>
    public bool Https { get; init; } = true;

    /// <summary>The user that owns the token and logs in with the password.</summary>
    public string UserName { get; init; } = "root@pam";

    /// <summary>The token's name after the '!': the token id is <c>{UserName}!{TokenName}</c>.</summary>
    public string TokenName { get; init; } = "lxcforge";

    /// <summary>The token secret; null generates one with a CSPRNG.</summary>
    public string? TokenSecret { get; init; }

    /// <summary>The user's password; null generates one with a CSPRNG.</summary>
    public string? Password { get; init; }

    /// <summary>Proxmox answers a 401 after about 3 s; tests set zero.</summary>
    public TimeSpan UnauthorizedDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a ticket (and its CSRF token) stays valid; Proxmox uses 2 h.</summary>
    public TimeSpan TicketLifetime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The clock for tickets; tests may pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
