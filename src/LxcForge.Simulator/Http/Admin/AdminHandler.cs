using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Http.Auth;
using LxcForge.Simulator.Http.Faults;
using Microsoft.AspNetCore.Http;

namespace LxcForge.Simulator.Http.Admin;

/// <summary>
/// The simulator's own routes under <c>/simulator/</c> (same credentials as the API; plain JSON, no Proxmox envelope):
/// <list type="bullet">
/// <item><c>GET /simulator/faults</c>, <c>DELETE /simulator/faults</c>: list or clear HTTP faults.</item>
/// <item><c>POST /simulator/faults/drop</c> <c>{count, path?, method?}</c>: close the next connections without answering.</item>
/// <item><c>POST /simulator/faults/delay</c> <c>{milliseconds, count?, path?, method?}</c>: hold responses back.</item>
/// <item><c>POST /simulator/faults/error</c> <c>{count, status?, message?, path?, method?}</c>: answer 5xx instead.</item>
/// <item><c>POST /simulator/cli</c> <c>{node, tool, args, stdin, env}</c> → <c>{exitCode, stdout, stderr}</c>: a node's command line.</item>
/// </list>
/// </summary>
internal sealed class AdminHandler(Authenticator authenticator, HttpFaults faults, INodeCommandLine? commandLine, SimulatorServerOptions options)
{
    public const string Prefix = "/simulator";

    public async Task HandleAsync(HttpContext context)
    {
        var auth = authenticator.Authenticate(context.Request);
        if (auth.Failure is { } failure)
        {
            if (options.UnauthorizedDelay > TimeSpan.Zero)
                await Task.Delay(options.UnauthorizedDelay, options.TimeProvider, context.RequestAborted);
            await WriteAsync(context, StatusCodes.Status401Unauthorized, new JsonObject { ["error"] = failure });
            return;
        }
        var route = (context.Request.Method, context.Request.Path.Value![Prefix.Length..].TrimEnd('/'));
        try
        {
            var body = await ReadBodyAsync(context);
            var (status, response) = route switch
            {
                ("GET", "/faults") => (200, ListFaults()),
                ("DELETE", "/faults") => Clear(),
                ("POST", "/faults/drop") => Arm(body, HttpFaultKind.Drop),
                ("POST", "/faults/delay") => Arm(body, HttpFaultKind.Delay),
                ("POST", "/faults/error") => Arm(body, HttpFaultKind.Error),
                ("POST", "/cli") => await RunCommandAsync(body, context.RequestAborted),
                _ => (404, new JsonObject { ["error"] = $"no simulator route '{route.Method} {Prefix}{route.Item2}'" }),
            };
            await WriteAsync(context, status, response);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new JsonObject { ["error"] = e.Message });
        }
    }

    private (int, JsonNode) Clear()
    {
        faults.Clear();
        return (200, ListFaults());
    }

    private (int, JsonNode) Arm(JsonObject body, HttpFaultKind kind)
    {
        var count = (int?)body["count"];
        var fault = new HttpFault
        {
            Kind = kind,
            Remaining = kind == HttpFaultKind.Delay ? count : count ?? 1,
            PathPattern = (string?)body["path"],
            Method = (string?)body["method"],
            Delay = TimeSpan.FromMilliseconds((double?)body["milliseconds"] ?? 0),
            Status = (int?)body["status"] ?? 500,
            Message = (string?)body["message"] ?? "simulated failure",
        };
        if (kind == HttpFaultKind.Delay && fault.Delay <= TimeSpan.Zero)
            throw new ArgumentException("a delay fault needs 'milliseconds' > 0");
        faults.Add(fault);
        return (200, ListFaults());
    }

    private JsonObject ListFaults() => new()
    {
        ["faults"] = new JsonArray(faults.Armed.Select(f => (JsonNode)new JsonObject
        {
            ["kind"] = f.Kind.ToString().ToLowerInvariant(),
            ["remaining"] = f.Remaining,
            ["path"] = f.PathPattern,
            ["method"] = f.Method,
            ["milliseconds"] = f.Kind == HttpFaultKind.Delay ? f.Delay.TotalMilliseconds : null,
            ["status"] = f.Kind == HttpFaultKind.Error ? f.Status : null,
        }).ToArray()),
    };

    private async Task<(int, JsonNode)> RunCommandAsync(JsonObject body, CancellationToken cancellationToken)
    {
        if (commandLine is null)
            return (501, new JsonObject { ["error"] = "this simulator has no node command line" });
        var node = (string?)body["node"] ?? throw new ArgumentException("'node' is required");
        var tool = (string?)body["tool"] ?? throw new ArgumentException("'tool' is required");
        var args = body["args"] is JsonArray a ? a.Select(x => (string?)x ?? "").ToList() : [];
        var env = body["env"] is JsonObject e ? e.ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? "") : [];
        var result = await commandLine.RunAsync(node, tool, args, (string?)body["stdin"], env, cancellationToken);
        return (200, new JsonObject { ["exitCode"] = result.ExitCode, ["stdout"] = result.StandardOutput, ["stderr"] = result.StandardError });
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || HttpMethods.IsGet(context.Request.Method))
            return [];
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return [];
        return JsonNode.Parse(text) as JsonObject ?? throw new ArgumentException("the body must be a JSON object");
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
