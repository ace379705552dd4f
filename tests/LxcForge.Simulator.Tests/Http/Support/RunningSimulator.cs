using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Http;

namespace LxcForge.Simulator.Tests.Http.Support;

/// <summary>A simulator server on a loopback port plus HTTP clients for it; disposing stops the server.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    private RunningSimulator(SimulatorServer server, SimulatorEndpoint endpoint)
    {
        Server = server;
        Endpoint = endpoint;
        Client = NewClient(endpoint.Credentials.AuthorizationHeader);
        Anonymous = NewClient(null);
    }

    public SimulatorServer Server { get; }

    public SimulatorEndpoint Endpoint { get; }

    /// <summary>A client sending the API token.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<RunningSimulator> StartAsync(IPveApi api, SimulatorServerOptions? options = null, INodeCommandLine? commandLine = null)
    {
        var server = new SimulatorServer(api, options ?? new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.Zero }, commandLine);
        var endpoint = await server.StartAsync();
        return new RunningSimulator(server, endpoint);
    }

    /// <summary>An HTTPS (or HTTP) client that trusts exactly the server's certificate fingerprint.</summary>
    public HttpClient NewClient(string? authorization)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => Endpoint.Presents(certificate);
        var client = new HttpClient(handler) { BaseAddress = Endpoint.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (authorization is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    /// <summary>Logs in with the password and returns a client carrying the ticket cookie (and the CSRF token).</summary>
    public async Task<(HttpClient Client, string Ticket, string Csrf)> LoginAsync(bool sendCsrf = true)
    {
        using var response = await Anonymous.PostAsync(
            "access/ticket",
            new FormUrlEncodedContent(
                new Dictionary<string, string> { ["username"] = Endpoint.Credentials.UserName, ["password"] = Endpoint.Credentials.Password }
            )
        );
        response.EnsureSuccessStatusCode();
        var data = (await response.Content.ReadJsonAsync())["data"]!;
        var ticket = (string)data["ticket"]!;
        var csrf = (string)data["CSRFPreventionToken"]!;
        var client = NewClient(null);
        client.DefaultRequestHeaders.Add("Cookie", $"PVEAuthCookie={Uri.EscapeDataString(ticket)}");
        if (sendCsrf)
            client.DefaultRequestHeaders.Add("CSRFPreventionToken", csrf);
        return (client, ticket, csrf);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
    }
}

internal static class HttpContentJson
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpContent content) =>
        JsonNode.Parse(await content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty JSON body");

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    public static MediaTypeHeaderValue Json => new("application/json");
}
