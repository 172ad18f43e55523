using AppBuilder.Storage;
using AppBuilder.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AppBuilder's PostgreSQL project store.</summary>
public static class PostgreSqlProjectsAppBuilderExtensions
{
    /// <summary>
    /// Makes projects, chat sessions, their messages and the usage records of model calls go to a PostgreSQL database,
    /// replacing any <see cref="IProjectStore"/> and <see cref="IUsageStore"/> registered before; a later <c>AddFileStorage</c> keeps it (snapshots stay wherever
    /// they are registered). Options are bound from <c>AppBuilder:Storage:PostgreSql</c>, then
    /// <paramref name="configure"/> runs; they are validated when the host starts, and the store's schema is then
    /// created or migrated (hosts starting together migrate once). An unreachable database fails the start.
    /// Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the connection string and schema after configuration is bound.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddPostgreSqlProjects(this IAppBuilderBuilder builder,
        Action<PostgreSqlProjectStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PostgreSqlProjectStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<PostgreSqlProjectStoreOptions>, PostgreSqlProjectStoreOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlProjectStoreOptions>, PostgreSqlProjectStoreOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<PostgreSqlProjectStore>();
        services.RemoveAll<IProjectStore>();
        services.AddSingleton<IProjectStore>(static sp => sp.GetRequiredService<PostgreSqlProjectStore>());
        services.RemoveAll<IUsageStore>();
        services.AddSingleton<IUsageStore>(static sp => sp.GetRequiredService<PostgreSqlProjectStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlProjectStoreStartup>());
        return builder;
    }
}
