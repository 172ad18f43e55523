using AppBuilder.Agent;
using AppBuilder.Agent.DependencyInjection;
using AppBuilder.Agent.Loop;
using AppBuilder.Agent.Mcp;
using AppBuilder.Agent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the AppBuilder agent (the loop, the built-in tools and their options) to an AppBuilder builder.</summary>
public static class AgentAppBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IAgentRunner"/> and the built-in tools. Options bind from the <c>AppBuilder:Agent</c> section of the
    /// registered <see cref="IConfiguration"/> (when there is one), then <paramref name="configure"/> runs; they are
    /// validated at start, together with the presence of an <see cref="IChatClient"/> and an
    /// <c>IProjectStore</c>. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    public static IAppBuilderBuilder AddAgent(this IAppBuilderBuilder builder, Action<AgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AgentOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AgentOptions>, AgentOptionsConfigurationSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TodoListStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolProvider, BuiltInToolProvider>());
        services.TryAddSingleton<UsageBudget>();
        services.TryAddSingleton<IAgentRunner, AgentRunner>();
        AddMcpClient(services);
        if (!services.Any(d => d.ServiceType == typeof(DownloadHttpClientMarker)))
        {
            services.AddSingleton<DownloadHttpClientMarker>();
            services.AddHttpClient(DownloadToRepoTool.HttpClientName, client =>
                {
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.UserAgent.ParseAdd("AppBuilder-Agent/1.0");
                })
                .ConfigurePrimaryHttpMessageHandler(sp =>
                    NetworkAddressPolicy.CreateHandler(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DownloadAllowPrivateNetworks));
            services.AddHttpClient(FetchWebsiteTool.HttpClientName, client =>
                {
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.UserAgent.ParseAdd("AppBuilder-Agent/1.0");
                })
                .ConfigurePrimaryHttpMessageHandler(sp =>
                    NetworkAddressPolicy.CreateHandler(sp.GetRequiredService<IOptions<AgentOptions>>().Value.WebFetchAllowPrivateNetworks));
        }

        return builder;
    }

    /// <summary>Configures the MCP client (<see cref="McpOptions"/>, bound from <c>AppBuilder:Mcp</c>): host servers,
    /// timeouts, restart delays, approval. Adds the agent when it is not added yet.</summary>
    public static IAppBuilderBuilder ConfigureMcp(this IAppBuilderBuilder builder, Action<McpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAgent();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>The MCP client: host servers from configuration, project servers from the project store; their tools
    /// join every turn's catalog through <see cref="McpToolProvider"/>.</summary>
    private static void AddMcpClient(IServiceCollection services)
    {
        services.AddOptions<McpOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<McpOptions>, McpOptionsConfigurationSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpOptions>, McpOptionsValidator>());
        services.TryAddSingleton<ToolCatalogChanges>();
        services.TryAddSingleton<McpClientManager>();
        services.TryAddSingleton<IMcpServerManager>(sp => sp.GetRequiredService<McpClientManager>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolProvider, McpToolProvider>());
        if (!services.Any(d => d.ServiceType == typeof(McpHttpClientMarker)))
        {
            services.AddSingleton<McpHttpClientMarker>();

            // SSE and streamable HTTP sessions stay open: no client timeout (the connect and call timeouts apply).
            services.AddHttpClient(McpClientManager.HostHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
            services.AddHttpClient(McpClientManager.ProjectHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(sp => NetworkAddressPolicy.CreateHandler(
                    sp.GetRequiredService<IOptions<McpOptions>>().Value.ProjectServersAllowPrivateNetworks));
        }
    }

    /// <summary>Adds the agent with options bound from <paramref name="configuration"/> (for example the
    /// <c>AppBuilder:Agent</c> section), then <paramref name="configure"/>.</summary>
    public static IAppBuilderBuilder AddAgent(this IAppBuilderBuilder builder, IConfiguration configuration,
        Action<AgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.Configure<AgentOptions>(configuration);
        return builder.AddAgent(configure);
    }

    /// <summary>Offers <paramref name="tools"/> to the model in every turn (a tool named like a built-in replaces it).
    /// Wrap a tool in <see cref="ApprovalRequiredAIFunction"/> to make it wait for approval in supervised mode.</summary>
    public static IAppBuilderBuilder AddAgentTools(this IAppBuilderBuilder builder, params AIFunction[] tools)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tools);
        builder.Services.AddSingleton<IAgentToolProvider>(new StaticToolProvider([.. tools]));
        return builder;
    }

    /// <summary>Adds a tool provider whose tools are offered to the model in every turn.</summary>
    public static IAppBuilderBuilder AddAgentToolProvider<TProvider>(this IAppBuilderBuilder builder)
        where TProvider : class, IAgentToolProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolProvider, TProvider>());
        return builder;
    }

    private sealed class DownloadHttpClientMarker;

    private sealed class McpHttpClientMarker;

    private sealed class StaticToolProvider(IReadOnlyList<AIFunction> tools) : IAgentToolProvider
    {
        public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(AgentToolContext context, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(tools);
    }
}
