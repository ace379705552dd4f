using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LxcForge.Simulator.Http.Wire;

/// <summary>
/// Writes responses in pveproxy's shape: <c>{"data": …}</c> (plus <c>total</c>) on success; on error the
/// message's first line as the HTTP reason phrase and <c>{"data":null,"message":"…","errors":{…}}</c>.
/// </summary>
internal static class PveResponses
{
    private const string JsonContentType = "application/json;charset=UTF-8";

    public static async Task WriteDataAsync(HttpContext context, JsonNode? data, long? total)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WritePropertyName("data");
        if (data is null)
            writer.WriteNullValue();
        else
            data.WriteTo(writer);
        if (total is > 0)
            writer.WriteNumber("total", total.Value);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary><c>{"data":…}</c> around data already serialised (<see cref="ApiResult.Utf8Data"/>), copied straight to the body.</summary>
    public static async Task WriteSerialisedDataAsync(HttpContext context, IReadOnlyList<ReadOnlyMemory<byte>> data)
    {
        var open = "{\"data\":"u8.ToArray();
        var close = "}"u8.ToArray();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = open.Length + data.Sum(d => (long)d.Length) + close.Length;
        var body = context.Response.BodyWriter;
        body.Write(open);
        foreach (var piece in data)
            body.Write(piece.Span);
        body.Write(close);
        await body.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string message, IReadOnlyDictionary<string, string>? errors = null)
    {
        SetStatusLine(context, status, message);
        context.Response.ContentType = JsonContentType;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNull("data");
        writer.WriteString("message", message);
        if (errors is { Count: > 0 })
        {
            writer.WriteStartObject("errors");
            foreach (var (key, value) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>A status line without a body, as pveproxy answers a failed login check.</summary>
    public static void WriteStatusLine(HttpContext context, int status, string message)
    {
        SetStatusLine(context, status, message);
        context.Response.ContentLength = 0;
    }

    private static void SetStatusLine(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        var feature = context.Features.Get<IHttpResponseFeature>();
        if (feature is not null)
            feature.ReasonPhrase = ReasonPhrase(message);
    }

    // The first line only, in printable ASCII (a header line cannot carry anything else).
    internal static string ReasonPhrase(string message)
    {
        var line = message.Split('\n', 2)[0].TrimEnd('\r');
        var sb = new StringBuilder(line.Length);
        foreach (var c in line)
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        return sb.ToString();
    }
}
