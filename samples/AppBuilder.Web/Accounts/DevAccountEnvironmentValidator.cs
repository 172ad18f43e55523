using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>Fails the start when the dev account (whose password is published) is turned on outside the Development
/// environment.</summary>
public sealed class DevAccountEnvironmentValidator(IHostEnvironment environment) : IValidateOptions<AccountOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.DevAccount.Enabled || environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Accounts:DevAccount:Enabled is true in the '{environment.EnvironmentName}' environment. The dev account's " +
            "password is published, so it is created in the Development environment only: remove the setting, or run " +
            "with ASPNETCORE_ENVIRONMENT=Development on your own machine.");
    }
}
