using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.DependencyInjection;

/// <summary>Binds <see cref="AgentOptions"/> from the <c>AppBuilder:Agent</c> section when an
/// <see cref="IConfiguration"/> is registered; does nothing otherwise.</summary>
internal sealed class AgentOptionsConfigurationSetup(IServiceProvider services) : IConfigureOptions<AgentOptions>
{
    public void Configure(AgentOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(AgentOptions.SectionName).Bind(options);
        }
    }
}
