namespace AppBuilder.Web.Accounts;

/// <summary>A personal access token as stored: never the token itself, only its SHA-256 hash.</summary>
/// <param name="Id">A public id, to list and revoke it.</param>
/// <param name="UserId">The account it acts for.</param>
/// <param name="Email">That account's email, for the claims it signs in with.</param>
/// <param name="Name">What the person called it (for example "Claude Desktop").</param>
/// <param name="Hash">The SHA-256 of the token, as lower-case hex.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record AccessToken(string Id, string UserId, string Email, string Name, string Hash, DateTimeOffset CreatedAt);
