using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>Binds <see cref="PostgreSqlProjectStoreOptions"/> from <c>AppBuilder:Storage:PostgreSql</c> when the host has
/// configuration.</summary>
internal sealed class PostgreSqlProjectStoreOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<PostgreSqlProjectStoreOptions>
{
    public void Configure(PostgreSqlProjectStoreOptions options) =>
        configuration?.GetSection(PostgreSqlProjectStoreOptions.SectionName).Bind(options);
}
