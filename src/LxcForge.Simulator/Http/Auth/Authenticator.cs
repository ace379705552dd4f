using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace LxcForge.Simulator.Http.Auth;

/// <summary>The outcome of checking a request's credentials: the user, or the 401 status line Proxmox sends.</summary>
internal readonly record struct AuthResult(string? User, bool ViaToken, string? Failure)
{
    public static AuthResult Fail(string message) => new(null, false, message);
}

/// <summary>
/// Checks credentials the way pveproxy does: the <c>PVEAuthCookie</c> cookie, then a
/// <c>PVEAuthCookie</c> Authorization header, then a <c>PVEAPIToken</c> Authorization header;
/// a ticket also needs the <c>CSRFPreventionToken</c> header on anything but GET.
/// </summary>
internal sealed partial class Authenticator(SimulatorCredentials credentials, TicketAuthority tickets)
{
    public const string CookieName = "PVEAuthCookie";
    public const string TokenScheme = "PVEAPIToken";

    public TicketAuthority Tickets => tickets;

    /// <summary>Whether the request carries an API token (and no ticket): some calls refuse tokens.</summary>
    public static bool HasApiToken(HttpRequest request) =>
        Ticket(request) is null && ExtractAuthValue(request.Headers.Authorization.ToString(), TokenScheme) is not null;

    public AuthResult Authenticate(HttpRequest request)
    {
        if (Ticket(request) is { } ticket)
        {
            if (tickets.VerifyTicket(ticket) is not { } user)
                return AuthResult.Fail("Authentication failed!");
            if (!HttpMethods.IsGet(request.Method) && !tickets.VerifyCsrfToken(user, request.Headers["CSRFPreventionToken"].ToString()))
                return AuthResult.Fail("Permission denied - invalid csrf token");
            return new AuthResult(user, false, null);
        }
        if (ExtractAuthValue(request.Headers.Authorization.ToString(), TokenScheme) is { } token)
            return VerifyToken(token) is { } tokenId ? new AuthResult(tokenId, true, null) : AuthResult.Fail("Authentication failed!");
        return AuthResult.Fail("No ticket");
    }

    /// <summary>Checks a user/password login (or a ticket posted as the password, to renew it).</summary>
    public bool VerifyLogin(string userName, string password) =>
        string.Equals(userName, credentials.UserName, StringComparison.Ordinal)
        && (Secrets.FixedTimeEquals(password, credentials.Password) || tickets.VerifyTicket(password) == userName);

    // "USER@REALM!TOKENID=SECRET"; the secret is split off at the last '='.
    private string? VerifyToken(string value)
    {
        var eq = value.LastIndexOf('=');
        if (eq <= 0)
            return null;
        var tokenId = value[..eq];
        return string.Equals(tokenId, credentials.TokenId, StringComparison.Ordinal) && Secrets.FixedTimeEquals(value[(eq + 1)..], credentials.TokenSecret)
            ? tokenId
            : null;
    }

    private static string? Ticket(HttpRequest request) =>
        ExtractAuthValue(request.Headers.Cookie.ToString(), CookieName) ?? ExtractAuthValue(request.Headers.Authorization.ToString(), CookieName);

    // Like PVE::APIServer::Formatter::extract_auth_value: "KEY=value" or "KEY value", up to ';', URI-unescaped.
    internal static string? ExtractAuthValue(string header, string key)
    {
        if (string.IsNullOrEmpty(header))
            return null;
        var match = (key == CookieName ? CookieRegex() : TokenRegex()).Match(header);
        if (!match.Success || match.Groups[1].Length == 0)
            return null;
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    [GeneratedRegex(@"(?:^|\s)PVEAuthCookie(?:=| )([^;]*)")]
    private static partial Regex CookieRegex();

    [GeneratedRegex(@"(?:^|\s)PVEAPIToken(?:=| )([^;]*)")]
    private static partial Regex TokenRegex();
}
