using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxcForge.Proxmox.Community;

/// <summary>
/// A tiny file server (Kestrel) for one template run: serves the pinned script files by path and nothing else,
/// so neither the node nor the container fetches anything unpinned. Listens on the one address it is given
/// (loopback unless the caller names the node's bridge address) on a port the system picks.
/// </summary>
public sealed class ScriptMirror : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, byte[]> _files;

    private ScriptMirror(WebApplication app, IReadOnlyDictionary<string, byte[]> files)
    {
        _app = app;
        _files = files;
    }

    /// <summary>The base URL, ending in '/'.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>How many requests were answered, by path (tests check what was fetched).</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    public static async Task<ScriptMirror> StartAsync(
        string bindAddress,
        IReadOnlyDictionary<string, byte[]> files,
        CancellationToken cancellationToken = default
    )
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(bindAddress), 0));
        var app = builder.Build();
        var mirror = new ScriptMirror(app, files);
        app.Run(mirror.ServeAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        mirror.BaseUrl = address.TrimEnd('/') + "/";
        return mirror;
    }

    /// <summary>Swaps the served content (used once the base URL is known, to rewrite the files to it).</summary>
    public void Replace(IReadOnlyDictionary<string, byte[]> files) => _files = files;

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value?.TrimStart('/') ?? ""; // already percent-decoded by Kestrel
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        byte[]? body = null;
        var found = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && _files.TryGetValue(path, out body);
        var payload = found ? body! : Encoding.UTF8.GetBytes($"not pinned: {path}\n");
        var response = context.Response;
        response.StatusCode = found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = payload.Length;
        if (!HttpMethods.IsHead(request.Method))
            await response.Body.WriteAsync(payload, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
