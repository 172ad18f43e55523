namespace AppBuilder.Web.Accounts;

/// <summary>A local account as stored in the accounts file.</summary>
/// <param name="Id">A stable id; it becomes the owner id of the person's projects.</param>
/// <param name="Email">The sign-in email, lower-cased.</param>
/// <param name="PasswordHash">The password hash made by ASP.NET Core Identity's <c>PasswordHasher</c>.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record UserAccount(string Id, string Email, string PasswordHash, DateTimeOffset CreatedAt);
