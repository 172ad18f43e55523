using AppBuilder.Agent.Mcp;
using AppBuilder.AspNetCore.Mcp;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AppBuilder's MCP server (streamable HTTP) to an ASP.NET Core host; map it with <c>MapAppBuilderMcp</c>.</summary>
public static class AppBuilderMcpAppBuilderExtensions
{
    /// <summary>
    /// Registers the official MCP SDK's server with its streamable HTTP transport and AppBuilder's tools
    /// (<c>WithAppBuilderTools</c>), acting for the request's authenticated user under the registered
    /// <c>IProjectAccessPolicy</c>. Call after <c>AddAppBuilder(configuration)</c>; calling it again only adds
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddAppBuilder</c> returned.</param>
    /// <param name="configure">Changes the tools' limits.</param>
    /// <returns>The MCP server builder, so that hosts can add tools, prompts or filters of their own.</returns>
    public static IMcpServerBuilder AddMcpServer(this IAppBuilderBuilder builder, Action<AppBuilderMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IAppBuilderMcpBackend, AspNetCoreMcpBackend>();
        var mcp = services.AddMcpServer(o => o.ServerInfo ??= new() { Name = "appbuilder", Version = typeof(AspNetCoreMcpBackend).Assembly.GetName().Version?.ToString() ?? "0" });
        if (!services.Any(d => d.ServiceType == typeof(AppBuilderMcpHttpMarker)))
        {
            services.AddSingleton<AppBuilderMcpHttpMarker>();
            mcp.WithHttpTransport();
        }

        return mcp.WithAppBuilderTools(configure);
    }
}
