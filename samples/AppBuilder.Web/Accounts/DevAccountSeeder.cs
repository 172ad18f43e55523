using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>Creates the development account at start when it is enabled and missing.</summary>
public static class DevAccountSeeder
{
    /// <summary>Ensures the dev account exists. Returns it when enabled, else <see langword="null"/>.</summary>
    public static async Task<DevAccountOptions?> EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<AccountOptions>>().Value.DevAccount;
        if (!options.Enabled)
        {
            return null;
        }

        var users = services.GetRequiredService<UserStore>();
        if (await users.FindAsync(options.Email, cancellationToken) is null)
        {
            await users.CreateAsync(options.Email, options.Password, cancellationToken);
        }

        return options;
    }
}
