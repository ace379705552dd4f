using System.Text.Json.Nodes;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Client;

/// <summary>A client for one node of the API tree: it knows its path and sends relative to it.</summary>
public abstract class ApiClientBase
{
    private protected ApiClientBase(PveTransport transport, ApiPath path)
    {
        Transport = transport;
        Path = path;
    }

    public PveTransport Transport { get; }

    /// <summary>This client's place in the API tree, e.g. <c>/nodes/pve/lxc/200</c>.</summary>
    public ApiPath Path { get; }

    private protected Task<JsonNode?> GetAsync(ApiPath path, ApiParams? query, CancellationToken ct) => Transport.GetAsync(path, query, ct);

    private protected Task<JsonNode?> PostAsync(ApiPath path, ApiParams? body, CancellationToken ct) => Transport.SendAsync(HttpMethod.Post, path, body, ct);

    private protected Task<JsonNode?> PutAsync(ApiPath path, ApiParams? body, CancellationToken ct) => Transport.SendAsync(HttpMethod.Put, path, body, ct);

    private protected Task<JsonNode?> DeleteAsync(ApiPath path, ApiParams? query, CancellationToken ct) =>
        Transport.SendAsync(HttpMethod.Delete, path, query, ct);

    /// <summary>The task id a long operation returns, or null when the endpoint returns none (<c>POST …/template</c>).</summary>
    private protected static string? TaskIdOf(JsonNode? data) =>
        JsonRead.Text(data) is { Length: > 0 } s && s.StartsWith("UPID:", StringComparison.Ordinal) ? s : null;
}
