using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Tests.Http.Support;

/// <summary>
/// A stand-in API for front-end tests: records every call that got through the HTTP layer and answers
/// from a table (method + path → data or exception); anything else answers null.
/// </summary>
internal sealed class RecordingPveApi : IPveApi
{
    private readonly ConcurrentDictionary<string, Func<ApiRequest, ApiResult>> _answers = new();

    public ConcurrentQueue<ApiRequest> Calls { get; } = new();

    public RecordingPveApi Answer(string method, string path, JsonNode? data, long? total = null)
    {
        _answers[$"{method} {path}"] = _ => new ApiResult(data?.DeepClone(), total);
        return this;
    }

    public RecordingPveApi Fail(string method, string path, PveApiException error)
    {
        _answers[$"{method} {path}"] = _ => throw error;
        return this;
    }

    public Task<JsonNode?> CallAsync(ApiRequest request, CancellationToken cancellationToken = default) => Task.FromResult(Respond(request).Data);

    public Task<ApiResult> CallWithTotalAsync(ApiRequest request, CancellationToken cancellationToken = default) => Task.FromResult(Respond(request));

    private ApiResult Respond(ApiRequest request)
    {
        Calls.Enqueue(request);
        return _answers.TryGetValue($"{request.Method} {request.Path}", out var answer) ? answer(request) : new ApiResult(null, null);
    }
}
