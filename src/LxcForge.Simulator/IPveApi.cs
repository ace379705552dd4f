using System.Text.Json.Nodes;

namespace LxcForge.Simulator;

/// <summary>
/// The simulated cluster's API surface, shaped exactly like Proxmox's REST API: the same methods, paths
/// (<c>/nodes/{node}/lxc/{vmid}/clone</c>, without the <c>/api2/json</c> prefix) and parameter names.
/// The HTTP front end and the pct/pvesm/pveam/pvesh/vzdump command line both translate to these calls,
/// as the real CLI tools call the real API handlers.
/// </summary>
public interface IPveApi
{
    /// <summary>
    /// Performs one API call and returns what Proxmox puts under <c>data</c> (null for null).
    /// Throws <see cref="PveApiException"/> with Proxmox's status code and message on failure.
    /// Long operations return a UPID string at once; the work runs as a task.
    /// </summary>
    Task<JsonNode?> CallAsync(ApiRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="CallAsync"/>, plus the count Proxmox sends as <c>total</c> beside a paged list
    /// (a task log, the task list). The default reports no total; an implementation that pages overrides it.
    /// </summary>
    async Task<ApiResult> CallWithTotalAsync(ApiRequest request, CancellationToken cancellationToken = default) =>
        new(await CallAsync(request, cancellationToken), null);
}

/// <summary>What an API call returns: Proxmox's <c>data</c>, and <c>total</c> for paged lists (null when absent).</summary>
public sealed record ApiResult(JsonNode? Data, long? Total)
{
    /// <summary>
    /// The data already serialised as UTF-8 JSON, in pieces to send one after another (a large list an
    /// implementation keeps serialised); when set, it is the data and <see cref="Data"/> is null.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Utf8Data { get; init; }
}

/// <summary>One API call. Parameters are strings, as they arrive in a form body or on a command line.</summary>
/// <param name="User">The authenticated identity: <c>root@pam</c>, or a token id such as <c>root@pam!deploy</c>.</param>
public sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string> Parameters, string User = "root@pam")
{
    public static ApiRequest Get(string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        new("GET", path, parameters ?? new Dictionary<string, string>());

    public static ApiRequest Post(string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        new("POST", path, parameters ?? new Dictionary<string, string>());

    public static ApiRequest Put(string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        new("PUT", path, parameters ?? new Dictionary<string, string>());

    public static ApiRequest Delete(string path, IReadOnlyDictionary<string, string>? parameters = null) =>
        new("DELETE", path, parameters ?? new Dictionary<string, string>());
}

/// <summary>A Proxmox API error: HTTP status, the message Proxmox sends, and per-parameter errors on a 400.</summary>
public sealed class PveApiException : Exception
{
    public PveApiException(int statusCode, string message, IReadOnlyDictionary<string, string>? errors = null)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors ?? new Dictionary<string, string>();
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string> Errors { get; }

    public static PveApiException ParameterError(string parameter, string message) =>
        new(400, "Parameter verification failed.", new Dictionary<string, string> { [parameter] = message });
}
