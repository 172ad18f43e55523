using AppBuilder.Storage;
using AppBuilder.Storage.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the background clean-up of checkpoints.</summary>
public static class SnapshotRetentionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the background service that applies <see cref="SnapshotRetentionOptions"/> and deletes unreferenced
    /// snapshot contents on an interval, when the registered <see cref="ISnapshotStore"/> can (the file-system and S3
    /// stores can). <c>AddFileStorage</c> and <c>AddS3Snapshots</c> call it; calling it again is harmless.
    /// Options are bound from <c>AppBuilder:Storage:Retention</c>, then <paramref name="configure"/> runs.
    /// </summary>
    public static IServiceCollection AddSnapshotRetention(this IServiceCollection services, Action<SnapshotRetentionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SnapshotRetentionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SnapshotRetentionOptions>, SnapshotRetentionOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SnapshotRetentionOptions>, SnapshotRetentionOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SnapshotRetentionService>());
        return services;
    }
}
