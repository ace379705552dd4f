using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>Matches a method and path (<c>/nodes/pve/lxc/200/config</c>) to a handler and its path values.</summary>
internal sealed class ApiRouter
{
    private readonly List<Route> _routes = [];

    public IEnumerable<(string Method, string Template)> Routes => _routes.Select(r => (r.Method, r.Template));

    public ApiRouter Map(string method, string template, Func<RouteContext, JsonNode?> handler)
    {
        _routes.Add(new Route(method, template, template.Trim('/').Split('/'), handler));
        return this;
    }

    public (Func<RouteContext, JsonNode?>? Handler, Dictionary<string, string> Values, bool PathExists) Match(string method, string path)
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

    private sealed record Route(string Method, string Template, string[] Segments, Func<RouteContext, JsonNode?> Handler);
}
