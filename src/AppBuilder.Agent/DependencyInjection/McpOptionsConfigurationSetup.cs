using AppBuilder.Agent.Mcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.DependencyInjection;

/// <summary>Binds <see cref="McpOptions"/> from the <c>AppBuilder:Mcp</c> section of the registered configuration.</summary>
internal sealed class McpOptionsConfigurationSetup(IServiceProvider services) : IConfigureOptions<McpOptions>
{
    public const string SectionName = "AppBuilder:Mcp";

    public void Configure(McpOptions options)
    {
        if (services.GetService(typeof(IConfiguration)) is IConfiguration configuration)
        {
            configuration.GetSection(SectionName).Bind(options);
        }
    }
}
