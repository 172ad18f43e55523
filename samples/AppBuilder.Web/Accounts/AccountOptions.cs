using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Web.Accounts;

/// <summary>Local accounts of the sample host (section <c>Accounts</c>).</summary>
public sealed class AccountOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Accounts";

    /// <summary>The JSON file that holds the accounts; relative paths are under the data root. Default <c>users.json</c>.</summary>
    [Required]
    public string StorePath { get; set; } = "users.json";

    /// <summary>The JSON file that holds the personal access tokens MCP clients sign in with (their SHA-256 hashes
    /// only); relative paths are under the data root. Default <c>access-tokens.json</c>.</summary>
    public string AccessTokenStorePath { get; set; } = "access-tokens.json";

    /// <summary>
    /// Whether people may create accounts from the sign-in page. Default false; the sample's
    /// <c>appsettings.Development.json</c> turns it on, so registration is open in the Development environment only
    /// unless a host sets <c>Accounts:AllowRegistration</c> to true.
    /// </summary>
    public bool AllowRegistration { get; set; }

    /// <summary>The shortest password accepted at registration.</summary>
    [Range(8, 256)]
    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>The ready-made account created at start when missing (Development environment only).</summary>
    public DevAccountOptions DevAccount { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // DataAnnotations validation does not descend into DevAccount: check it here, when it is used.
        if (!DevAccount.Enabled)
        {
            yield break;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(DevAccount, new ValidationContext(DevAccount), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"Accounts:DevAccount: {result.ErrorMessage}", result.MemberNames);
        }
    }
}

/// <summary>The development account created at start when it does not exist yet. Its password is published, so it
/// exists in the Development environment only: outside it, <see cref="Enabled"/> true fails the start.</summary>
public sealed class DevAccountOptions
{
    /// <summary>Whether to create it. Default false; the sample's <c>appsettings.Development.json</c> turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Its email. Default <c>dev@appbuilder.local</c>.</summary>
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "dev@appbuilder.local";

    /// <summary>Its password. Default <c>appbuilder-dev</c>.</summary>
    [Required]
    [MinLength(8)]
    public string Password { get; set; } = "appbuilder-dev";
}
