using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Bench;

/// <summary>
/// Signs in the user named by the <c>X-Bench-User</c> header (HTTP clients) or the <c>appbuilder-bench-user</c>
/// cookie (the browser: a cookie rides on every request the page makes — its modules and the HMR WebSocket upgrade —
/// so the preview proxy sees the same signed-in owner the API does, as with a real cookie sign-in).
/// </summary>
internal sealed class BenchAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bench";
    public const string UserHeader = "X-Bench-User";
    public const string CookieName = "appbuilder-bench-user";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0 && Request.Cookies.TryGetValue(CookieName, out var fromCookie))
        {
            user = fromCookie ?? "";
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
