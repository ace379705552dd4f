using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Api.Transport;

/// <summary>
/// One HTTPS connection to a Proxmox API: authentication (token, or ticket + CSRF token renewed before it
/// expires), TLS policy, the <c>{"data": …}</c> envelope and error mapping. One attempt per call: retries live
/// in <see cref="ResilientCalls"/>, where the caller knows whether a call is safe to repeat.
/// </summary>
public sealed class PveTransport : IDisposable
{
    private static readonly TimeSpan TicketRenewAfter = TimeSpan.FromHours(1);

    private readonly ProxmoxConnectionOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _apiRoot;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private Ticket? _ticket;
    private string? _lastTlsRejection;

    public PveTransport(ProxmoxConnectionOptions options)
    {
        _options = options;
        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, errors) => AcceptCertificate(cert, errors) },
        };
        _http = new HttpClient(options.WrapHandler?.Invoke(sockets) ?? sockets) { Timeout = Timeout.InfiniteTimeSpan };
        _apiRoot = new Uri(options.BaseAddress.GetLeftPart(UriPartial.Authority) + "/api2/json");
    }

    public ProxmoxConnectionOptions Options => _options;

    /// <summary>The address without credentials, for messages.</summary>
    public string HostName => _options.BaseAddress.GetLeftPart(UriPartial.Authority);

    public Task<JsonNode?> GetAsync(ApiPath path, IEnumerable<KeyValuePair<string, string>>? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, query, cancellationToken);

    /// <summary>Sends one request and returns its <c>data</c>; throws <see cref="HostException"/> on any failure.</summary>
    public async Task<JsonNode?> SendAsync(
        HttpMethod method,
        ApiPath path,
        IEnumerable<KeyValuePair<string, string>>? parameters,
        CancellationToken cancellationToken
    )
    {
        var args = parameters?.ToList() ?? [];
        if (_options.Credentials is PasswordLogin login)
            await EnsureTicketAsync(login, forceNew: false, cancellationToken);
        var (status, body, reason) = await SendOnceAsync(method, path, args, cancellationToken);
        if (status == HttpStatusCode.Unauthorized && _options.Credentials is PasswordLogin again)
        {
            // The ticket may have expired under us: log in once more, then give up (no retry storm).
            await EnsureTicketAsync(again, forceNew: true, cancellationToken);
            (status, body, reason) = await SendOnceAsync(method, path, args, cancellationToken);
        }

        return Unwrap(status, body, reason);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body, string? Reason)> SendOnceAsync(
        HttpMethod method,
        ApiPath path,
        List<KeyValuePair<string, string>> args,
        CancellationToken cancellationToken
    )
    {
        using var request = BuildRequest(method, path, args);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return (response.StatusCode, ParseBody(text), response.ReasonPhrase);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostException(HostErrorKind.Timeout, $"{HostName} did not answer {method} {path} within {_options.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw MapConnectionFailure(e, method, path);
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, ApiPath path, List<KeyValuePair<string, string>> args)
    {
        var isRead = method == HttpMethod.Get || method == HttpMethod.Delete;
        var uri = _apiRoot + path.ToString();
        if (isRead && args.Count > 0)
            uri += "?" + string.Join('&', args.Select(a => $"{Uri.EscapeDataString(a.Key)}={Uri.EscapeDataString(a.Value)}"));
        var request = new HttpRequestMessage(method, uri);
        if (!isRead)
            request.Content = new FormUrlEncodedContent(args);
        switch (_options.Credentials)
        {
            case ApiToken token:
                request.Headers.TryAddWithoutValidation("Authorization", $"PVEAPIToken={token.TokenId}={token.TokenSecret}");
                break;
            case PasswordLogin when _ticket is { } ticket:
                request.Headers.TryAddWithoutValidation("Cookie", $"PVEAuthCookie={Uri.EscapeDataString(ticket.Value)}");
                if (method != HttpMethod.Get)
                    request.Headers.TryAddWithoutValidation("CSRFPreventionToken", ticket.CsrfToken);
                break;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task EnsureTicketAsync(PasswordLogin login, bool forceNew, CancellationToken cancellationToken)
    {
        var now = _options.Time.GetUtcNow();
        if (!forceNew && _ticket is { } current && now - current.IssuedAt < TicketRenewAfter)
            return;
        await _loginLock.WaitAsync(cancellationToken);
        try
        {
            if (!forceNew && _ticket is { } fresh && now - fresh.IssuedAt < TicketRenewAfter)
                return;
            // A ticket still valid renews itself when posted as the password; otherwise log in with the password.
            var renewing = !forceNew && _ticket is not null;
            var args = new List<KeyValuePair<string, string>> { new("username", login.Username), new("password", renewing ? _ticket!.Value : login.Password) };
            var saved = _ticket;
            _ticket = null;
            var (status, body, reason) = await SendOnceAsync(HttpMethod.Post, ApiPath.Root["access"]["ticket"], args, cancellationToken);
            if (status == HttpStatusCode.Unauthorized && renewing)
                (status, body, reason) = await SendOnceAsync(
                    HttpMethod.Post,
                    ApiPath.Root["access"]["ticket"],
                    [new("username", login.Username), new("password", login.Password)],
                    cancellationToken
                );
            var data = Unwrap(status, body, reason);
            var ticket = JsonRead.Str(data, "ticket");
            var csrf = JsonRead.Str(data, "CSRFPreventionToken");
            if (ticket is null || csrf is null)
            {
                _ticket = saved;
                throw new HostException(
                    HostErrorKind.AuthenticationFailed,
                    $"{HostName} answered the login for {login.Username} without a ticket (is a second factor required?)"
                );
            }

            _ticket = new Ticket(ticket, csrf, now);
        }
        finally
        {
            _loginLock.Release();
        }
    }

    private JsonNode? Unwrap(HttpStatusCode status, JsonNode? body, string? reason)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return body?["data"];
        var message = JsonRead.Str(body, "message") ?? reason;
        var errors = body?["errors"] is JsonObject e ? JsonRead.Members(e).ToDictionary(kv => kv.Key, kv => kv.Value) : null;
        throw ApiErrorMapper.Map(code, message, errors, HostName);
    }

    private static JsonNode? ParseBody(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool AcceptCertificate(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Net.Security.SslPolicyErrors errors)
    {
        var rejection = _options.Tls.Check(certificate, errors);
        _lastTlsRejection = rejection;
        return rejection is null;
    }

    private HostException MapConnectionFailure(HttpRequestException e, HttpMethod method, ApiPath path)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException)
        {
            var why = _lastTlsRejection ?? e.InnerException?.Message ?? e.Message;
            return new HostException(HostErrorKind.Unreachable, $"TLS: refusing {HostName}: {why}", e);
        }

        if (
            e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse
            || (e.HttpRequestError == HttpRequestError.Unknown && e.InnerException is IOException)
        )
            return new HostException(HostErrorKind.Transient, $"{HostName} dropped the connection during {method} {path}", e);
        var detail = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
        return new HostException(HostErrorKind.Unreachable, $"cannot reach {HostName} ({detail}): is the address right and pveproxy running?", e);
    }

    public void Dispose()
    {
        _http.Dispose();
        _loginLock.Dispose();
    }

    private sealed record Ticket(string Value, string CsrfToken, DateTimeOffset IssuedAt);
}
