using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Http.Schema;
using LxcForge.Simulator.Tests.Http.Support;
using LxcForge.Testing.Utils;
using Xunit.Abstractions;

namespace LxcForge.Simulator.Tests.Http;

/// <summary>
/// The simulator against the official schema (<c>../shared/pve-api/</c>): every route it serves is in the
/// schema with that method and the same parameter facts, every other route of the real API answers 501,
/// and for every parameter a schema-valid value is accepted and each kind of invalid value refused.
/// </summary>
public sealed class SchemaConformanceSpecs(ITestOutputHelper output) : StubbedSimulatorSpecs
{
    private static string SharedFile(string name)
    {
        Skip.If(RepoPaths.Shared is null, "the shared folder (../shared beside the repository) is absent, so the official schema cannot be read");
        var path = Path.Combine(RepoPaths.Shared!, "pve-api", name);
        Skip.IfNot(File.Exists(path), $"{path} is absent");
        return path;
    }

    [SkippableFact]
    public void Every_served_route_is_in_the_official_schema_with_the_same_parameter_facts()
    {
        // Arrange
        var lxc = JsonNode.Parse(File.ReadAllText(SharedFile("lxc-endpoints.json")))!["endpoints"]!
            .AsArray()
            .ToDictionary(e => $"{(string)e!["method"]!} {(string)e!["path"]!}", e => e!);
        // The few routes served beyond the LXC selection (the node's certificates, /pools) are checked against the whole API tree.
        var official = new Dictionary<string, JsonNode>(lxc);
        foreach (var (key, endpoint) in WholeApiEndpoints())
            official.TryAdd(key, endpoint);

        // Act
        var mismatches = new List<string>();
        foreach (var served in PveApiSchema.Default.Endpoints)
        {
            if (!official.TryGetValue(served.ToString(), out var source))
            {
                mismatches.Add($"{served}: not in the schema");
                continue;
            }
            var sourceParameters = source["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!);
            if (!sourceParameters.Keys.Order().SequenceEqual(served.Parameters.Select(p => p.Name).Order()))
                mismatches.Add($"{served}: parameters differ");
            foreach (var p in served.Parameters.Where(p => sourceParameters.ContainsKey(p.Name)))
                mismatches.AddRange(Differences(served, p, sourceParameters[p.Name]));
            if (((int?)source["allowtoken"] ?? 1) == 1 != served.AllowToken)
                mismatches.Add($"{served}: allowtoken differs");
        }

        // Assert
        lxc.Keys.Should().BeSubsetOf(PveApiSchema.Default.Endpoints.Select(e => e.ToString()), "every LXC route of the official schema is served");
        mismatches.Should().BeEmpty();
    }

    /// <summary>Every route of apidata.json in lxc-endpoints.json's shape (parameters as a list with their names).</summary>
    private static IEnumerable<(string Key, JsonNode Endpoint)> WholeApiEndpoints()
    {
        var stack = new Stack<JsonNode>(JsonNode.Parse(File.ReadAllText(SharedFile("apidata.json")))!.AsArray().Select(n => n!));
        while (stack.TryPop(out var node))
        {
            foreach (var child in node["children"]?.AsArray() ?? [])
                stack.Push(child!);
            if (node["info"] is not JsonObject info)
                continue;
            foreach (var (method, body) in info)
            {
                var parameters = new JsonArray();
                if (body?["parameters"]?["properties"] is JsonObject properties)
                {
                    foreach (var (name, facts) in properties)
                    {
                        var copy = facts!.DeepClone().AsObject();
                        copy["name"] = name;
                        parameters.Add(copy);
                    }
                }

                yield return (
                    $"{method} {(string)node["path"]!}",
                    new JsonObject { ["parameters"] = parameters, ["allowtoken"] = body?["allowtoken"]?.DeepClone() }
                );
            }
        }
    }

    [SkippableFact]
    public async Task Every_other_route_of_the_real_API_answers_501()
    {
        // Arrange
        var served = PveApiSchema.Default.Endpoints.Select(e => e.ToString()).ToHashSet();
        var others = new List<(string Method, string Path)>();
        void Walk(JsonNode node)
        {
            var path = (string)node["path"]!;
            if (node["info"] is JsonObject info)
                others.AddRange(info.Select(m => (m.Key, path)).Where(r => !served.Contains($"{r.Key} {r.path}")));
            foreach (var child in node["children"]?.AsArray() ?? [])
                Walk(child!);
        }
        foreach (var root in JsonNode.Parse(File.ReadAllText(SharedFile("apidata.json")))!.AsArray())
            Walk(root!);

        // Act
        var wrong = new List<string>();
        foreach (var (method, template) in others)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", "x1");
            using var response = await Sim.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')));
            if (response.StatusCode != HttpStatusCode.NotImplemented || response.ReasonPhrase != $"Method '{method} {path}' not implemented")
                wrong.Add($"{method} {path}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        // Assert
        others.Should().HaveCountGreaterThan(400, "the real API has hundreds of routes the simulator does not serve");
        wrong.Should().BeEmpty();
        Api.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task For_every_parameter_a_valid_value_is_accepted_and_each_invalid_one_refused()
    {
        // Arrange
        var failures = new List<string>();
        var checkedCases = 0;

        // Act
        foreach (var endpoint in PveApiSchema.Default.Endpoints)
        {
            foreach (var p in endpoint.Parameters)
            {
                var name =
                    p.Indexed > 0
                        ? p.Name.Replace("[n]", (p.Indexed - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                        : p.Name;
                if (SchemaSamples.HasUntestedCheck(p))
                    output.WriteLine($"{endpoint} {name}: format/pattern {p.Format ?? p.Pattern?.ToString()} is accepted without a check here");
                var (status, body) = await SendAsync(endpoint, name, SchemaSamples.Valid(p));
                checkedCases++;
                if (status == HttpStatusCode.BadRequest)
                    failures.Add($"{endpoint} {name}={SchemaSamples.Valid(p)} refused: {body}");
                foreach (var invalid in SchemaSamples.Invalids(p))
                {
                    checkedCases++;
                    (status, body) = await SendAsync(endpoint, name, invalid.Value);
                    var message = status == HttpStatusCode.BadRequest ? (string?)JsonNode.Parse(body)!["errors"]?[name] : null;
                    if (message is null || !message.StartsWith(invalid.MessageStart, StringComparison.Ordinal))
                        failures.Add($"{endpoint} {name}={invalid.Value}: expected '{invalid.MessageStart}…', got {(int)status} {body}");
                }
            }
        }

        // Assert
        output.WriteLine($"{checkedCases} cases over {PveApiSchema.Default.Endpoints.Count} endpoints");
        failures.Should().BeEmpty();
        checkedCases.Should().BeGreaterThan(600);
    }

    // One request with every required parameter valid, and `name` set to `value` (in the path when it is a path parameter).
    private async Task<(HttpStatusCode, string)> SendAsync(EndpointSchema endpoint, string name, string value)
    {
        var pathNames = endpoint.Path.Split('/').Where(s => s.StartsWith('{')).Select(s => s[1..^1]).ToHashSet();
        var path = endpoint.Path;
        foreach (var pathName in pathNames)
        {
            var sample = pathName == name ? value : SchemaSamples.Valid(endpoint.Find(pathName)!);
            path = path.Replace($"{{{pathName}}}", Uri.EscapeDataString(sample), StringComparison.Ordinal);
        }
        var parameters = new Dictionary<string, string>();
        foreach (var p in endpoint.Parameters.Where(p => !p.Optional && p.Indexed == 0 && !pathNames.Contains(p.Name)))
            parameters[p.Name] = SchemaSamples.Valid(p);
        if (!pathNames.Contains(name))
        {
            parameters[name] = value;
            var schema = endpoint.Find(name)!;
            if (schema.Requires is { } required)
                parameters.TryAdd(required, SchemaSamples.Valid(endpoint.Find(required)!));
        }
        var form = string.Join('&', parameters.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        var isQuery = endpoint.Method is "GET" or "DELETE";
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path.TrimStart('/') + (isQuery && form.Length > 0 ? "?" + form : ""));
        if (!isQuery)
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        // POST /access/ticket refuses API tokens before it looks at parameters: ask it without one.
        var client = endpoint.AllowToken ? Sim.Client : Sim.Anonymous;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Differences(EndpointSchema endpoint, ParameterSchema served, JsonNode source)
    {
        string? Text(string key) => source[key] is JsonValue v ? v.ToString() : null;
        decimal? Number(string key) => Text(key) is { } t ? decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : null;
        var where = $"{endpoint} {served.Name}";
        if (served.Type != (Text("type") ?? "string"))
            yield return $"{where}: type {served.Type} vs {Text("type")}";
        if (served.Optional != (Text("optional") is "1" or "true"))
            yield return $"{where}: optional differs";
        if (served.Minimum != Number("minimum") || served.Maximum != Number("maximum"))
            yield return $"{where}: range differs";
        if (served.MaxLength != (int?)Number("maxLength") || served.MinLength != (int?)Number("minLength"))
            yield return $"{where}: length differs";
        var sourceEnum = source["enum"] is JsonArray e ? e.Select(x => x!.ToString()).ToList() : null;
        if (!(served.Enum ?? []).SequenceEqual(sourceEnum ?? []))
            yield return $"{where}: enum differs";
        var sourceFormat = source["format"];
        if (sourceFormat is JsonObject ? served.PropertyString != served.Name : served.Format != sourceFormat?.ToString())
            yield return $"{where}: format differs";
        if ((served.Pattern is null) != (Text("pattern") is null))
            yield return $"{where}: pattern differs";
    }
}
