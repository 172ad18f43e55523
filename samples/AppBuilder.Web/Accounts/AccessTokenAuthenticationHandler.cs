using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>
/// Signs a request in from <c>Authorization: Bearer abt_…</c>, a personal access token from
/// <see cref="AccessTokenStore"/>, as the account that made it (the same <see cref="ClaimTypes.NameIdentifier"/> as its
/// cookie sign-in, so the same projects). Only endpoints that name this scheme accept it (the MCP endpoint); a
/// challenge answers 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, AccessTokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AccessToken";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The access token is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, token.UserId),
            new Claim(ClaimTypes.Name, token.Email),
            new Claim(ClaimTypes.Email, token.Email),
            new Claim("token_id", token.Id),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"appbuilder\"";
        return Task.CompletedTask;
    }
}
