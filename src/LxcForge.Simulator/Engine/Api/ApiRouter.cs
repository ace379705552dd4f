using System.Buffers;
using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>Matches a method and path (<c>/nodes/pve/lxc/200/config</c>) to a handler and its path values.</summary>
internal sealed class ApiRouter
{
    private readonly List<Route> _routes = [];

    public IEnumerable<(string Method, string Template)> Routes => _routes.Select(r => (r.Method, r.Template));

    public ApiRouter Map(string method, string template, Func<RouteContext, JsonNode?> handler) => Add(method, template, c => new ApiReply(handler(c), null));

    /// <summary>A route whose answer is already serialised (a large list kept as bytes).</summary>
    public ApiRouter MapSerialised(string method, string template, Func<RouteContext, IReadOnlyList<ReadOnlyMemory<byte>>> handler) =>
        Add(method, template, c => new ApiReply(null, handler(c)));

    private ApiRouter Add(string method, string template, Func<RouteContext, ApiReply> handler)
    {
        _routes.Add(new Route(method, template, template.Trim('/').Split('/'), handler));
        return this;
    }

    public (Func<RouteContext, ApiReply>? Handler, Dictionary<string, string> Values, bool PathExists) Match(string method, string path)
    {
        var segments = Normalize(path).Trim('/').Split('/');
        var pathExists = false;
        foreach (var route in _routes)
        {
            if (!TryBind(route.Segments, segments, out var values))
                continue;
            pathExists = true;
            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                return (route.Handler, values, true);
        }

        return (null, [], pathExists);
    }

    /// <summary>Strips <c>/api2/json</c> and a trailing slash.</summary>
    public static string Normalize(string path)
    {
        var p = path.StartsWith("/api2/json", StringComparison.Ordinal) ? path["/api2/json".Length..] : path;
        p = p.Split('?')[0];
        return p.Length > 1 ? p.TrimEnd('/') : p;
    }

    private static bool TryBind(string[] template, string[] segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Length != segments.Length)
            return false;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith('{'))
                values[template[i].Trim('{', '}')] = Uri.UnescapeDataString(segments[i]);
            else if (!string.Equals(template[i], segments[i], StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    private sealed record Route(string Method, string Template, string[] Segments, Func<RouteContext, ApiReply> Handler);
}

/// <summary>A handler's answer: a JSON node, or the same already serialised as UTF-8 pieces sent one after another.</summary>
internal readonly record struct ApiReply(JsonNode? Node, IReadOnlyList<ReadOnlyMemory<byte>>? Utf8)
{
    /// <summary>The answer as a node (serialised pieces parsed back).</summary>
    public JsonNode? ToNode()
    {
        if (Utf8 is not { } pieces)
            return Node;
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var piece in pieces)
            buffer.Write(piece.Span);
        return JsonNode.Parse(buffer.WrittenSpan);
    }
}
