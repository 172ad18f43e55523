using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace AppBuilder.Web.Accounts;

/// <summary>
/// The dashboard's personal access tokens under <c>/auth/tokens</c>: list, create (the token is answered once) and
/// revoke. Only the cookie sign-in reaches them — a token cannot make more tokens — and only pages of the editor's own
/// origin: a request a page of another origin or site sent is 403.
/// </summary>
public static class AccessTokenEndpoints
{
    private const int MaxNameLength = 100;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapAccessTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/auth/tokens")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme })
            .AddEndpointFilter(SameOriginOnly);
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapDelete("/{id}", RevokeAsync);
        return group;
    }

    /// <summary>The body of create.</summary>
    /// <param name="Name">What the token is for, such as "Claude Desktop".</param>
    public sealed record CreateTokenRequest(string? Name);

    /// <summary>A token as listed (never the token itself).</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="CreatedAt">When it was made.</param>
    public sealed record TokenDto(string Id, string Name, DateTimeOffset CreatedAt);

    /// <summary>A token just made: the only answer that carries it.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="CreatedAt">When it was made.</param>
    /// <param name="Token">The token, for <c>Authorization: Bearer</c>.</param>
    public sealed record CreatedTokenDto(string Id, string Name, DateTimeOffset CreatedAt, string Token);

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, AccessTokenStore tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(UserId(user), cancellationToken)).Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt)).ToArray());

    private static async Task<IResult> CreateAsync(CreateTokenRequest? body, ClaimsPrincipal user, AccessTokenStore tokens,
        CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(body?.Name) ? "MCP client" : body.Name.Trim();
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Error(StatusCodes.Status400BadRequest, $"Use a name of at most {MaxNameLength} characters.");
        }

        var email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";
        if (await tokens.CreateAsync(UserId(user), email, name, cancellationToken) is not { } created)
        {
            return Error(StatusCodes.Status409Conflict, $"You hold {AccessTokenStore.MaxTokensPerUser} tokens; revoke one first.");
        }

        return TypedResults.Created($"/auth/tokens/{created.Record.Id}",
            new CreatedTokenDto(created.Record.Id, created.Record.Name, created.Record.CreatedAt, created.Token));
    }

    private static async Task<IResult> RevokeAsync(string id, ClaimsPrincipal user, AccessTokenStore tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(UserId(user), id, cancellationToken)
            ? TypedResults.NoContent()
            : Error(StatusCodes.Status404NotFound, "No such token.");

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The cookie sign-in carries no user id.");

    private static async ValueTask<object?> SameOriginOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var sameOrigin = origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
        if (!sameOrigin || site is "same-site" or "cross-site")
        {
            return Error(StatusCodes.Status403Forbidden, "Access tokens are managed from the editor's own pages only.");
        }

        return await next(context);
    }

    private static IResult Error(int status, string message) => TypedResults.Json(new { error = message }, statusCode: status);
}
