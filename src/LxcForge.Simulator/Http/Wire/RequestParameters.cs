using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LxcForge.Simulator.Http.Wire;

/// <summary>
/// Collects a request's parameters as pveproxy does: the body of a POST/PUT (form-urlencoded, or JSON
/// when the content type says so), then the query string on top; <c>_dc</c> (cache buster) is dropped.
/// Values become strings: JSON true/false become 1/0, repeated keys are joined with NUL as in CGI.
/// </summary>
internal static class RequestParameters
{
    public static async Task<Dictionary<string, string>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            var contentType = request.ContentType ?? "";
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                await ReadJsonAsync(request.Body, result, cancellationToken);
            else
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync(cancellationToken);
                AddPairs(QueryHelpers.ParseNullableQuery(body), result);
            }
        }
        if (request.QueryString.HasValue)
            AddPairs(QueryHelpers.ParseNullableQuery(request.QueryString.Value), result);
        result.Remove("_dc");
        return result;
    }

    private static void AddPairs(Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? pairs, Dictionary<string, string> result)
    {
        if (pairs is null)
            return;
        foreach (var (key, values) in pairs)
            result[key] = string.Join('\0', values.ToArray());
    }

    private static async Task ReadJsonAsync(Stream body, Dictionary<string, string> result, CancellationToken cancellationToken)
    {
        using var doc = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            return;
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (ToParameter(property.Value) is { } value)
                result[property.Name] = value;
        }
    }

    private static string? ToParameter(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Array => string.Join('\0', value.EnumerateArray().Select(ToParameter).OfType<string>()),
            _ => value.GetRawText(),
        };
}
