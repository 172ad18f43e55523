using AppBuilder.Sandboxes;
using AppBuilder.Sandboxes.Internal;
using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local sandbox provider.</summary>
public static class LocalSandboxesAppBuilderExtensions
{
    /// <summary>
    /// Registers the local <see cref="ISandboxProvider"/> (a folder per sandbox, processes confined by bubblewrap where
    /// it works), with <see cref="LocalSandboxOptions"/> bound from <c>AppBuilder:Sandbox:Local</c> and validated at
    /// start. Keeps a provider registered before it. Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Changes the options after configuration binding.</param>
    public static IAppBuilderBuilder AddLocalSandboxes(this IAppBuilderBuilder builder, Action<LocalSandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LocalSandboxOptions>>(
            sp => new ConfigurationBinding<LocalSandboxOptions>(LocalSandboxOptions.SectionName, sp)));
        var options = services.AddOptions<LocalSandboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Bubblewrap>();
        services.TryAddSingleton<LocalSandboxProvider>();
        services.TryAddSingleton<ISandboxProvider>(sp => sp.GetRequiredService<LocalSandboxProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LocalSandboxStartup>());
        return builder;
    }
}
