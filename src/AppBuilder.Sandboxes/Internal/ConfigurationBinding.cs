using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Internal;

/// <summary>Binds options from a configuration section when an <see cref="IConfiguration"/> is registered (hosts
/// without configuration keep the defaults).</summary>
internal sealed class ConfigurationBinding<TOptions>(string sectionName, IServiceProvider services) : IConfigureOptions<TOptions>
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
