using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>The host's own sign-in endpoints under <c>/auth</c>: options, login, register, logout and me.</summary>
public static class AccountEndpoints
{
    /// <summary>The rate-limiter policy applied to login and register.</summary>
    public const string RateLimitPolicy = "auth";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/auth");
        group.MapGet("/options", GetOptions);
        group.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimitPolicy);
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimitPolicy);
        group.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync);
        group.MapGet("/me", GetMe).RequireAuthorization();
        return group;
    }

    /// <summary>The body of login and register.</summary>
    /// <param name="Email">The account's email.</param>
    /// <param name="Password">The password.</param>
    public sealed record Credentials(string? Email, string? Password);

    /// <summary>What the sign-in page offers.</summary>
    /// <param name="AllowRegistration">Whether accounts can be created (<see cref="AccountOptions.AllowRegistration"/>).</param>
    public sealed record SignInOptions(bool AllowRegistration);

    /// <summary>The signed-in person.</summary>
    /// <param name="Email">Their email.</param>
    public sealed record SignedInUser(string Email);

    private static SignInOptions GetOptions(IOptions<AccountOptions> options) => new(options.Value.AllowRegistration);

    private static async Task<IResult> LoginAsync(Credentials body, UserStore users, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
        {
            return Error(StatusCodes.Status400BadRequest, "Enter your email and password.");
        }

        var account = await users.VerifyAsync(body.Email, body.Password, cancellationToken);
        if (account is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "Wrong email or password.");
        }

        await SignInAsync(http, account);
        return TypedResults.Ok(new SignedInUser(account.Email));
    }

    private static async Task<IResult> RegisterAsync(Credentials body, UserStore users, IOptions<AccountOptions> options,
        HttpContext http, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AllowRegistration)
        {
            return Error(StatusCodes.Status403Forbidden, "Registration is turned off on this server.");
        }

        if (string.IsNullOrWhiteSpace(body.Email) || !new EmailAddressAttribute().IsValid(body.Email.Trim()) || body.Email.Length > 254)
        {
            return Error(StatusCodes.Status400BadRequest, "Enter a valid email address.");
        }

        if (string.IsNullOrEmpty(body.Password) || body.Password.Length < settings.MinimumPasswordLength || body.Password.Length > 256)
        {
            return Error(StatusCodes.Status400BadRequest, $"Use a password of at least {settings.MinimumPasswordLength} characters.");
        }

        var account = await users.CreateAsync(body.Email, body.Password, cancellationToken);
        if (account is null)
        {
            return Error(StatusCodes.Status409Conflict, "An account with this email exists. Sign in instead.");
        }

        await SignInAsync(http, account);
        return TypedResults.Created("/auth/me", new SignedInUser(account.Email));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static IResult GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new SignedInUser(user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? ""));

    private static Task SignInAsync(HttpContext http, UserAccount account)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(ClaimTypes.Name, account.Email),
            new Claim(ClaimTypes.Email, account.Email),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
    }

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new { error = message }, statusCode: status);
}
