using AppBuilder.Logs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The DI entry point shared by every AppBuilder package.</summary>
public static class AppBuilderServiceCollectionExtensions
{
    /// <summary>
    /// Adds AppBuilder's shared services (a <see cref="TimeProvider"/> and the in-memory project log store) and
    /// returns a builder on which packages chain their providers, for example
    /// <c>services.AddAppBuilderCore().AddLocalSandboxes().AddFileStorage()</c>. Calling it twice is harmless.
    /// </summary>
    public static IAppBuilderBuilder AddAppBuilderCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProjectLogStore>(_ => new InMemoryProjectLogStore());
        return new AppBuilderBuilder(services);
    }

    private sealed class AppBuilderBuilder(IServiceCollection services) : IAppBuilderBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
