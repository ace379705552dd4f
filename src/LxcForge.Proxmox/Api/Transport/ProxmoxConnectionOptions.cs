using LxcForge.Proxmox.Api.Tasks;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>Where the Proxmox API is and how to talk to it.</summary>
/// <param name="BaseAddress">The host's address, e.g. <c>https://pve.example:8006</c> (without <c>/api2/json</c>).</param>
public sealed record ProxmoxConnectionOptions(Uri BaseAddress, PveCredentials Credentials)
{
    public TlsPolicy Tls { get; init; } = TlsPolicy.SystemTrust;

    /// <summary>How long one HTTP request may take (long operations return a task id at once, so this is short).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public RetryOptions Retry { get; init; } = new();

    public TaskWaitOptions Tasks { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Wraps the socket handler (tests count or observe requests with it).</summary>
    internal Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; init; }

    /// <summary>A description for logs and tables: address and identity, never the secret.</summary>
    public override string ToString() => $"{BaseAddress.GetLeftPart(UriPartial.Authority)} as {Credentials.Identity}";
}

/// <summary>
/// Retries of transient failures (5xx, timeouts, dropped connections, <c>CT is locked</c>,
/// <c>can't lock file … got timeout</c>): exponential back-off with jitter.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);
}
