using System.Text.Json;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Http.Auth;
using LxcForge.Simulator.Http.Faults;
using LxcForge.Simulator.Http.Schema;
using LxcForge.Simulator.Http.Wire;
using Microsoft.AspNetCore.Http;

namespace LxcForge.Simulator.Http;

/// <summary>
/// Serves <c>/api2/json/...</c> as pveproxy does, in its order: faults, authentication (401s delayed),
/// route lookup (501), parameters (body + query + path), token restrictions (403), schema validation (400),
/// then the call to <see cref="IPveApi"/> with the authenticated user.
/// </summary>
internal sealed class ApiHandler(IPveApi api, PveApiSchema schema, Authenticator authenticator, HttpFaults faults, SimulatorServerOptions options)
{
    private const string BasePath = "/api2/json";
    private const string TicketPath = "/access/ticket";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!path.StartsWith(BasePath, StringComparison.Ordinal) || (path.Length > BasePath.Length && path[BasePath.Length] != '/'))
        {
            await PveResponses.WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "no such uri");
            return;
        }
        var method = request.Method;
        var relative = path.Length > BasePath.Length ? path[BasePath.Length..] : "/";

        foreach (var fault in faults.Take(method, relative))
        {
            switch (fault.Kind)
            {
                case HttpFaultKind.Drop:
                    context.Abort();
                    return;
                case HttpFaultKind.Delay:
                    // Timers fire on a millisecond tick and may end up to 1 ms short: the answer must come after the delay.
                    await Task.Delay(fault.Delay + TimeSpan.FromMilliseconds(1), options.TimeProvider, context.RequestAborted);
                    break;
                case HttpFaultKind.Error:
                    await PveResponses.WriteErrorAsync(context, fault.Status, fault.Message);
                    return;
            }
        }

        var isLogin = relative == TicketPath && (HttpMethods.IsGet(method) || HttpMethods.IsPost(method));
        var user = options.UserName;
        if (!isLogin)
        {
            var auth = authenticator.Authenticate(request);
            if (auth.Failure is { } failure)
            {
                await DelayUnauthorizedAsync(context);
                PveResponses.WriteStatusLine(context, StatusCodes.Status401Unauthorized, failure);
                return;
            }
            user = auth.User!;
        }

        Dictionary<string, string> parameters;
        try
        {
            parameters = await RequestParameters.ReadAsync(request, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await PveResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"malformed JSON body - {e.Message}\n");
            return;
        }

        var pathParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var endpoint = schema.Match(method, relative, pathParameters);
        if (endpoint is null)
        {
            await PveResponses.WriteErrorAsync(context, StatusCodes.Status501NotImplemented, $"Method '{method} {relative}' not implemented");
            return;
        }
        foreach (var (name, value) in pathParameters)
        {
            if (parameters.TryGetValue(name, out var given) && given != value)
            {
                await WriteParameterErrorsAsync(context, new() { [name] = "duplicate parameter (already defined in URI) with conflicting values!" });
                return;
            }
            parameters[name] = value;
        }
        if (!endpoint.AllowToken && Authenticator.HasApiToken(request))
        {
            await PveResponses.WriteErrorAsync(
                context,
                StatusCodes.Status403Forbidden,
                $"Permission check failed (URI '{relative}' not available with API token, need proper ticket.\n)\n"
            );
            return;
        }
        var errors = ParameterValidator.Validate(endpoint, parameters, schema);
        if (errors.Count > 0)
        {
            await WriteParameterErrorsAsync(context, errors);
            return;
        }

        if (isLogin)
        {
            await LoginAsync(context, method, parameters);
            return;
        }
        await CallApiAsync(context, new ApiRequest(method, relative, parameters, user));
    }

    private async Task CallApiAsync(HttpContext context, ApiRequest call)
    {
        ApiResult result;
        try
        {
            result = await api.CallWithTotalAsync(call, context.RequestAborted);
        }
        catch (SimulatedDropException)
        {
            context.Abort();
            return;
        }
        catch (PveApiException e)
        {
            if (e.StatusCode == StatusCodes.Status401Unauthorized)
                await DelayUnauthorizedAsync(context);
            await PveResponses.WriteErrorAsync(context, e.StatusCode, WithNewline(e.Message), e.Errors);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plain die in a Proxmox handler is a 500 carrying the message.
            await PveResponses.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, WithNewline(e.Message));
            return;
        }
        if (result.Utf8Data is { } serialised)
            await PveResponses.WriteSerialisedDataAsync(context, serialised);
        else
            await PveResponses.WriteDataAsync(context, result.Data, result.Total);
    }

    // POST /access/ticket: user/password (or a valid ticket as password, to renew) → ticket + CSRF token.
    private async Task LoginAsync(HttpContext context, string method, Dictionary<string, string> parameters)
    {
        if (HttpMethods.IsGet(method))
        {
            await PveResponses.WriteDataAsync(context, null, null);
            return;
        }
        var userName = parameters["username"];
        if (parameters.TryGetValue("realm", out var realm) && !userName.Contains('@', StringComparison.Ordinal))
            userName = $"{userName}@{realm}";
        if (!authenticator.VerifyLogin(userName, parameters["password"]))
        {
            await DelayUnauthorizedAsync(context);
            await PveResponses.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "authentication failure\n");
            return;
        }
        var data = new System.Text.Json.Nodes.JsonObject
        {
            ["username"] = userName,
            ["ticket"] = authenticator.Tickets.IssueTicket(userName),
            ["CSRFPreventionToken"] = authenticator.Tickets.IssueCsrfToken(userName),
            ["cap"] = new System.Text.Json.Nodes.JsonObject(),
        };
        await PveResponses.WriteDataAsync(context, data, null);
    }

    private static Task WriteParameterErrorsAsync(HttpContext context, Dictionary<string, string> errors) =>
        PveResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Parameter verification failed.\n", errors);

    private Task DelayUnauthorizedAsync(HttpContext context) =>
        options.UnauthorizedDelay > TimeSpan.Zero ? Task.Delay(options.UnauthorizedDelay, options.TimeProvider, context.RequestAborted) : Task.CompletedTask;

    // Proxmox's die messages end in a newline, and its JSON "message" keeps it.
    private static string WithNewline(string message) => message.EndsWith('\n') ? message : message + "\n";
}
