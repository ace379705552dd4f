using System.Collections.Concurrent;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>
/// Sits between the API client and the socket: records every request, and can lose the answer to chosen
/// requests AFTER the server has acted on them, as a connection that drops on the way back does.
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<string> _requests = new();
    private int _toLose;
    private string? _losePathSuffix;

    /// <summary>"METHOD /api2/json/path", in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public int Count(string method, string pathSuffix) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.EndsWith(pathSuffix, StringComparison.Ordinal));

    /// <summary>The next <paramref name="count"/> requests whose path ends with <paramref name="pathSuffix"/> reach the server, but their answers are lost.</summary>
    public void LoseAnswers(int count, string pathSuffix)
    {
        _losePathSuffix = pathSuffix;
        _toLose = count;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        _requests.Enqueue($"{request.Method} {path}");
        var response = await base.SendAsync(request, cancellationToken);
        if (_losePathSuffix is { } suffix && path.EndsWith(suffix, StringComparison.Ordinal) && Interlocked.Decrement(ref _toLose) >= 0)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (test: answer lost after the server acted).");
        }

        return response;
    }
}
