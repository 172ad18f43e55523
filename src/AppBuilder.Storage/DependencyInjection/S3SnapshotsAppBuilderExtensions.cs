using AppBuilder.Storage;
using AppBuilder.Storage.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AppBuilder's S3 snapshot store.</summary>
public static class S3SnapshotsAppBuilderExtensions
{
    /// <summary>
    /// Makes snapshots go to an S3 bucket (AWS, or MinIO, R2, Spaces and other S3-compatible services through
    /// <see cref="S3SnapshotOptions.ServiceUrl"/>), replacing any <see cref="ISnapshotStore"/> registered before; a later
    /// <c>AddFileStorage</c> keeps it. Options are bound from <c>AppBuilder:Storage:S3</c>, then
    /// <paramref name="configure"/> runs; they are validated when the host starts.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the bucket, endpoint and credentials after configuration is bound.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddS3Snapshots(this IAppBuilderBuilder builder, Action<S3SnapshotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<S3SnapshotOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<S3SnapshotOptions>, S3SnapshotOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3SnapshotOptions>, S3SnapshotOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<ISnapshotStore>();
        services.AddSingleton<ISnapshotStore, S3SnapshotStore>();
        services.TryAddSingleton(sp => CheckpointDiffers.For(sp.GetRequiredService<ISnapshotStore>()));
        services.AddSnapshotRetention();
        return builder;
    }
}
