using AppBuilder.Agent.Mcp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AppBuilder's tools to an MCP server built with the official SDK's <c>AddMcpServer()</c>.</summary>
public static class AppBuilderMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds the tools <c>list_projects</c>, <c>create_project</c>, <c>chat</c>, <c>list_files</c>, <c>read_file</c>,
    /// <c>write_file</c>, <c>get_preview_url</c>, <c>list_checkpoints</c> and <c>restore_checkpoint</c>. They act through
    /// the registered <see cref="IAppBuilderMcpBackend"/> (the ASP.NET Core package registers one for
    /// <c>MapAppBuilderMcp</c>; a stdio host registers its own), on the registered <c>IProjectStore</c> and
    /// <c>ISnapshotStore</c>; a missing one fails at start. Options are validated at start.
    /// </summary>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="configure">Changes the tools' limits.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IMcpServerBuilder WithAppBuilderTools(this IMcpServerBuilder builder, Action<AppBuilderMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AppBuilderMcpOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppBuilderMcpOptions>, AppBuilderMcpRegistrationCheck>());
        if (!services.Any(d => d.ServiceType == typeof(AppBuilderMcpMarker)))
        {
            services.AddSingleton<AppBuilderMcpMarker>();
            builder.WithTools<AppBuilderMcpTools>();
        }

        return builder;
    }
}
