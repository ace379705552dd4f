using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Http.Auth;
using LxcForge.Simulator.Http.Faults;
using LxcForge.Simulator.NodeCli.Remote;
using Microsoft.AspNetCore.Http;

namespace LxcForge.Simulator.Http.Admin;

/// <summary>
/// The simulator's own routes under <c>/simulator/</c> (same credentials as the API; plain JSON, no Proxmox envelope):
/// <list type="bullet">
/// <item><c>GET /simulator/faults</c>, <c>DELETE /simulator/faults</c>: list or clear HTTP faults.</item>
/// <item><c>POST /simulator/faults/drop</c> <c>{count, path?, method?}</c>: close the next connections without answering.</item>
/// <item><c>POST /simulator/faults/delay</c> <c>{milliseconds, count?, path?, method?}</c>: hold responses back.</item>
/// <item><c>POST /simulator/faults/error</c> <c>{count, status?, message?, path?, method?}</c>: answer 5xx instead.</item>
/// <item><c>POST /simulator/faults/tasks</c> <c>{type, count?, message}</c>: the next tasks of a type fail (engine).</item>
/// <item><c>POST /simulator/faults/lock</c> <c>{vmid, lock, seconds}</c>: hold a config lock for a while (engine).</item>
/// <item><c>POST /simulator/faults/node-offline</c> <c>{node, offline?}</c>: the node stops answering (595 No route to host) or comes back (engine).</item>
/// <item>Every number is checked (<see cref="FaultLimits"/>): an absurd one is a 400 naming the field.</item>
/// <item><c>POST /simulator/faults/storage/slow</c> <c>{storage, factor}</c>, <c>.../fill</c> <c>{storage, leaveFreeBytes?}</c> (engine).</item>
/// <item><c>POST /simulator/cli</c> <c>{node?, tool, args, stdin, env}</c> → <c>{exitCode, stdout, stderr}</c>: a node's command line.</item>
/// </list>
/// </summary>
internal sealed class AdminHandler(IPveApi api, Authenticator authenticator, HttpFaults faults, INodeCommandLine? commandLine, SimulatorServerOptions options)
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
                ("POST", "/faults/tasks") => Engine(f =>
                    f.FailNextTasks(
                        FaultLimits.Name("type", Required<string>(body, "type")),
                        FaultLimits.Count("count", Optional(body, "count", 1)),
                        FaultLimits.Message("message", Required<string>(body, "message"))
                    )
                ),
                ("POST", "/faults/lock") => Engine(f =>
                    f.HoldLock(
                        FaultLimits.Vmid("vmid", Required<int>(body, "vmid")),
                        FaultLimits.Name("lock", Required<string>(body, "lock")),
                        FaultLimits.Seconds("seconds", Required<double>(body, "seconds"))
                    )
                ),
                ("POST", "/faults/storage/slow") => Engine(f =>
                    f.SlowStorage(
                        FaultLimits.Name("storage", Required<string>(body, "storage")),
                        FaultLimits.SlowFactor("factor", Required<double>(body, "factor"))
                    )
                ),
                ("POST", "/faults/storage/fill") => Engine(f =>
                    f.FillStorage(
                        FaultLimits.Name("storage", Required<string>(body, "storage")),
                        FaultLimits.Bytes("leaveFreeBytes", Optional(body, "leaveFreeBytes", 0L))
                    )
                ),
                ("POST", "/faults/node-offline") => Engine(f =>
                    f.SetNodeOffline(FaultLimits.Name("node", Required<string>(body, "node")), Optional(body, "offline", true))
                ),
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
        (api as SimulatorCluster)?.Faults.Reset();
        return (200, ListFaults());
    }

    // The engine's own faults (task failures, locks, storages) exist only when the API is a simulated cluster.
    private (int, JsonNode) Engine(Action<FaultInjector> arm)
    {
        if (api is not SimulatorCluster cluster)
            return (501, new JsonObject { ["error"] = "this simulator's API has no engine faults" });
        arm(cluster.Faults);
        return (200, new JsonObject { ["ok"] = true });
    }

    private static T Required<T>(JsonObject body, string name) =>
        body[name] is { } value ? Read<T>(value, name) : throw new ArgumentException($"'{name}' is required");

    private static T Optional<T>(JsonObject body, string name, T fallback) => body[name] is { } value ? Read<T>(value, name) : fallback;

    // A value of the wrong kind or out of the type's range (1e300 as an int) is the caller's mistake: 400 naming the field.
    private static T Read<T>(JsonNode value, string name)
    {
        try
        {
            return value.GetValue<T>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new ArgumentException(
                $"'{name}': {value.ToJsonString()} is not {(typeof(T) == typeof(string) ? "a string" : typeof(T) == typeof(bool) ? "true or false" : "a number in range")}",
                e
            );
        }
    }

    private (int, JsonNode) Arm(JsonObject body, HttpFaultKind kind)
    {
        var count = body["count"] is null ? (int?)null : FaultLimits.Count("count", Required<int>(body, "count"));
        if (kind == HttpFaultKind.Delay && body["milliseconds"] is null)
            throw new ArgumentException("a delay fault needs 'milliseconds' > 0");
        var fault = new HttpFault
        {
            Kind = kind,
            Remaining = kind == HttpFaultKind.Delay ? count : count ?? 1,
            PathPattern = body["path"] is null ? null : Required<string>(body, "path"),
            Method = body["method"] is null ? null : Required<string>(body, "method"),
            Delay = kind == HttpFaultKind.Delay ? FaultLimits.Milliseconds("milliseconds", Required<double>(body, "milliseconds")) : TimeSpan.Zero,
            Status = FaultLimits.Status("status", Optional(body, "status", 500)),
            Message = FaultLimits.Message("message", Optional(body, "message", "simulated failure")),
        };
        faults.Add(fault);
        return (200, ListFaults());
    }

    private JsonObject ListFaults() =>
        new()
        {
            ["faults"] = new JsonArray(
                faults
                    .Armed.Select(f =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["kind"] = f.Kind.ToString().ToLowerInvariant(),
                                ["remaining"] = f.Remaining,
                                ["path"] = f.PathPattern,
                                ["method"] = f.Method,
                                ["milliseconds"] = f.Kind == HttpFaultKind.Delay ? f.Delay.TotalMilliseconds : null,
                                ["status"] = f.Kind == HttpFaultKind.Error ? f.Status : null,
                            }
                    )
                    .ToArray()
            ),
        };

    // The body is read once (ReadBodyAsync) and bound to the protocol's own record, so the wire format has one definition.
    private async Task<(int, JsonNode)> RunCommandAsync(JsonObject body, CancellationToken cancellationToken)
    {
        if (commandLine is null)
            return (501, new JsonObject { ["error"] = "this simulator has no node command line" });
        var request = body.Deserialize<SimulatorCliRequest>(SimulatorCliProtocol.JsonOptions)!;
        if (string.IsNullOrEmpty(request.Tool))
            throw new ArgumentException("'tool' is required");
        var node = request.Node ?? await FirstNodeAsync(cancellationToken);
        var args = (request.Args ?? []).Select(a => a ?? "").ToList();
        var env = request.Env ?? new Dictionary<string, string>();
        var result = await commandLine.RunAsync(node, request.Tool, args, request.Stdin, env, cancellationToken);
        return (
            200,
            JsonSerializer.SerializeToNode(
                new SimulatorCliResponse(result.ExitCode, result.StandardOutput, result.StandardError),
                SimulatorCliProtocol.JsonOptions
            )!
        );
    }

    // Without a node, the tool runs on the cluster's first node (by name), as on a single-node host.
    private async Task<string> FirstNodeAsync(CancellationToken cancellationToken)
    {
        var nodes = await api.CallAsync(ApiRequest.Get("/nodes"), cancellationToken) as JsonArray ?? [];
        return nodes.Select(n => (string?)n?["node"]).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("the cluster has no nodes");
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
