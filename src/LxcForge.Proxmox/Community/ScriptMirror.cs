using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LxcForge.Proxmox.Community;

/// <summary>
/// A tiny HTTP/1.1 file server for one template run: serves the pinned script files by path and
/// nothing else, so neither the node nor the container fetches anything unpinned.
/// </summary>
public sealed class ScriptMirror : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile IReadOnlyDictionary<string, byte[]> _files;

    private ScriptMirror(TcpListener listener, IReadOnlyDictionary<string, byte[]> files)
    {
        _listener = listener;
        _files = files;
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        BaseUrl = $"http://{endpoint.Address}:{endpoint.Port}/";
        _loop = AcceptLoopAsync();
    }

    /// <summary>The base URL, ending in '/'.</summary>
    public string BaseUrl { get; }

    /// <summary>How many requests were answered, by path (tests check what was fetched).</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public static ScriptMirror Start(string bindAddress, IReadOnlyDictionary<string, byte[]> files)
    {
        var listener = new TcpListener(IPAddress.Parse(bindAddress), 0);
        listener.Start();
        return new ScriptMirror(listener, files);
    }

    /// <summary>Swaps the served content (used once the base URL is known, to rewrite the files to it).</summary>
    public void Replace(IReadOnlyDictionary<string, byte[]> files) => _files = files;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                    // Headers are not needed: every file is served whole.
                }

                var parts = requestLine.Split(' ');
                var method = parts.Length >= 2 ? parts[0] : string.Empty;
                var path = parts.Length >= 2 ? Uri.UnescapeDataString(parts[1].TrimStart('/').Split('?')[0]) : string.Empty;
                byte[]? body = null;
                var found = method is "GET" or "HEAD" && _files.TryGetValue(path, out body);
                _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
                var payload = found ? body! : Encoding.UTF8.GetBytes($"not pinned: {path}\n");
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                if (method != "HEAD")
                    await stream.WriteAsync(payload, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // A client that hung up early: nothing to answer.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
