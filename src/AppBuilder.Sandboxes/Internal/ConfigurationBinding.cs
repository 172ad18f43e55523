using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Internal;

/// <summary>Binds options from a configuration section when an <see cref="IConfiguration"/> is registered (hosts
/// without configuration keep the defaults).</summary>
internal abstract class ConfigurationBinding<TOptions>(string sectionName, IServiceProvider services) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(sectionName).Bind(options);
        }
    }
}

/// <summary>Binds <see cref="LocalSandboxOptions"/> from its section (a distinct type so that registration is idempotent).</summary>
internal sealed class LocalSandboxOptionsBinding(IServiceProvider services)
    : ConfigurationBinding<LocalSandboxOptions>(LocalSandboxOptions.SectionName, services);

/// <summary>Binds <see cref="WorkspaceOptions"/> from its section (a distinct type so that registration is idempotent).</summary>
internal sealed class WorkspaceOptionsBinding(IServiceProvider services)
    : ConfigurationBinding<WorkspaceOptions>(WorkspaceOptions.SectionName, services);
