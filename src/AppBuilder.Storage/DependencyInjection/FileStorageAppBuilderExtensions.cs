using AppBuilder.Storage;
using AppBuilder.Storage.FileSystem;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AppBuilder's file-system stores.</summary>
public static class FileStorageAppBuilderExtensions
{
    /// <summary>
    /// Registers the file-system <see cref="IProjectStore"/> (projects, chat sessions and their messages) and
    /// <see cref="ISnapshotStore"/> (content-addressed checkpoints) and <see cref="IUsageStore"/> (a record per model call) under <see cref="FileStorageOptions.Root"/>.
    /// Options are bound from <c>AppBuilder:Storage</c>, then <paramref name="configure"/> runs; they are validated when
    /// the host starts. Stores registered earlier (for example by <c>AddS3Snapshots</c>) are kept. Calling it twice is
    /// harmless.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Changes the options after configuration is bound.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddFileStorage(this IAppBuilderBuilder builder, Action<FileStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FileStorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<FileStorageOptions>, FileStorageOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileStorageOptions>, FileStorageOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProjectStore, FileProjectStore>();
        services.TryAddSingleton<ISnapshotStore, FileSnapshotStore>();
        services.TryAddSingleton<IUsageStore, FileUsageStore>();
        services.TryAddSingleton(sp => CheckpointDiffers.For(sp.GetRequiredService<ISnapshotStore>()));
        services.AddSnapshotRetention();
        return builder;
    }
}
