using System.Net;
using LxcForge.Simulator.Http.Admin;
using LxcForge.Simulator.Http.Auth;
using LxcForge.Simulator.Http.Faults;
using LxcForge.Simulator.Http.Schema;
using LxcForge.Simulator.Http.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxcForge.Simulator.Http;

/// <summary>
/// Serves a simulated cluster (any <see cref="IPveApi"/>) as Proxmox's REST API on 127.0.0.1, over HTTPS
/// with a self-signed certificate made at start (or plain HTTP), with API-token and ticket authentication,
/// schema validation, HTTP fault injection and the <c>/simulator/...</c> admin routes.
/// </summary>
/// <example>
/// <code>
/// await using var server = new SimulatorServer(cluster, new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero });
/// var endpoint = await server.StartAsync();
/// // endpoint.BaseUrl = https://127.0.0.1:41234/, endpoint.CertificateSha256Fingerprint = "AB:CD:…",
/// // endpoint.Credentials.AuthorizationHeader = "PVEAPIToken=root@pam!lxcforge=…"
/// </code>
/// </example>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly IPveApi _api;
    private readonly INodeCommandLine? _commandLine;
    private readonly SimulatorServerOptions _options;
    private WebApplication? _app;

    public SimulatorServer(IPveApi api, SimulatorServerOptions? options = null, INodeCommandLine? commandLine = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new SimulatorServerOptions();
        _commandLine = commandLine;
    }

    /// <summary>HTTP-level faults (drop, delay, 5xx); also reachable over HTTP under <c>/simulator/faults</c>.</summary>
    public HttpFaults Faults { get; } = new();

    /// <summary>Where the server listens, once started.</summary>
    public SimulatorEndpoint? Endpoint { get; private set; }

    /// <summary>Binds 127.0.0.1 and starts serving; returns the real URL, the certificate fingerprint and the credentials.</summary>
    public async Task<SimulatorEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
            throw new InvalidOperationException("the simulator server is already started");
        var credentials = new SimulatorCredentials(
            $"{_options.UserName}!{_options.TokenName}",
            _options.TokenSecret ?? Secrets.NewTokenSecret(),
            _options.UserName,
            _options.Password ?? Secrets.NewPassword()
        );
        var certificate = _options.Https ? SelfSignedCertificate.Create() : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, _options.Port, listen =>
            {
                // pveproxy speaks HTTP/1.1 only, and only HTTP/1 carries the reason phrase clients read errors from.
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                    listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();

        var authenticator = new Authenticator(credentials, new TicketAuthority(_options.TimeProvider, _options.TicketLifetime));
        var api = new ApiHandler(_api, PveApiSchema.Default, authenticator, Faults, _options);
        var admin = new AdminHandler(_api, authenticator, Faults, _commandLine, _options);
        app.Run(context =>
        {
            context.Response.Headers.Server = "pve-api-daemon/3.0";
            return context.Request.Path.StartsWithSegments(AdminHandler.Prefix, StringComparison.Ordinal)
                ? admin.HandleAsync(context)
                : api.HandleAsync(context);
        });

        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        Endpoint = new SimulatorEndpoint(
            new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/"),
            certificate is null ? null : SelfSignedCertificate.Fingerprint(certificate),
            credentials
        );
        return Endpoint;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
