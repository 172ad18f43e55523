using AppBuilder.Agent;
using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Endpoints;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.AspNetCore.Lifecycle;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AppBuilder for an ASP.NET Core host.</summary>
public static class AppBuilderAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds AppBuilder with working defaults and returns the builder on which providers chain:
    /// local sandboxes, workspaces (each previewed on an origin of its own, see <see cref="AppBuilderPreviewOptions"/>), file storage, the chat model from
    /// <c>AppBuilder:Model</c> (the replay model when unset) and the agent — each only when the host has not already
    /// registered its own — plus the HTTP API's services: the turn coordinator, the approval gate, the project access
    /// policy (<see cref="IProjectAccessPolicy"/>; the default grants a project to its owner), SignalR, Data Protection (for
    /// preview grants), YARP's HTTP forwarder (the preview proxy) and
    /// <see cref="AppBuilderOptions"/> (section <c>AppBuilder:AspNetCore</c>, validated at start). When
    /// <c>AppBuilder:Cluster:Redis</c> is set, cluster mode too (see <see cref="ClusterAppBuilderExtensions.AddRedisCluster"/>).
    /// Map the API with <c>app.MapAppBuilder()</c>. Calling this twice is harmless.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (the <c>AppBuilder</c> section is read).</param>
    public static IAppBuilderBuilder AddAppBuilder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddAppBuilderCore();

        if (!IsRegistered<ISandboxProvider>(services))
        {
            builder.AddLocalSandboxes();
        }

        if (!IsRegistered<IWorkspaceManager>(services))
        {
            builder.AddWorkspaces();
        }

        if (!IsRegistered<IProjectStore>(services) || !IsRegistered<ISnapshotStore>(services) || !IsRegistered<IUsageStore>(services))
        {
            builder.AddFileStorage();
        }

        if (!IsRegistered<IChatClient>(services))
        {
            builder.AddChatModel(configuration.GetSection("AppBuilder:Model"));
        }

        if (!IsRegistered<IAgentRunner>(services))
        {
            builder.AddAgent();
        }

        services.AddOptions<AppBuilderOptions>()
            .Bind(configuration.GetSection(AppBuilderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppBuilderOptions>, AppBuilderOptionsValidator>());

        services.TryAddSingleton<AppBuilderMarker>();
        services.TryAddSingleton(sp => CheckpointDiffers.For(sp.GetRequiredService<ISnapshotStore>()));
        services.TryAddSingleton<IProjectAccessPolicy, OwnerProjectAccessPolicy>();
        services.TryAddSingleton<ProjectAccessor>();
        services.TryAddSingleton<ToolApprovalGate>();
        services.TryAddSingleton<IToolApprovalGate>(sp => sp.GetRequiredService<ToolApprovalGate>());
        services.TryAddSingleton<RealtimeBroadcaster>();
        services.TryAddSingleton<ChatTurnCoordinator>();
        services.TryAddSingleton<ProjectBackgroundWork>();
        services.TryAddSingleton<PreviewPaths>();
        services.TryAddSingleton<PreviewOriginTemplate>();
        services.TryAddSingleton<PreviewGrants>();
        services.TryAddSingleton<PreviewLinks>();
        services.TryAddSingleton<EditorRequestGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, PreviewOriginMatcherPolicy>());
        services.TryAddSingleton<PreviewCaptureScript>();
        services.TryAddSingleton<PreviewTransformer>();
        services.TryAddSingleton<PreviewOriginHandler>();
        services.AddDataProtection();
        services.AddHttpForwarder();
        services.TryAddSingleton<ProjectDtoFactory>();
        services.AddHostedService<WorkspaceEventRelay>();
        services.TryAddSingleton<PreviewErrorTracker>();
        services.TryAddSingleton<PreviewErrorFixer>();
        services.AddHostedService(sp => sp.GetRequiredService<PreviewErrorFixer>());
        services.AddSignalR();
        services.AddAuthorization();
        if (!string.IsNullOrWhiteSpace(configuration[AppBuilderClusterOptions.SectionName + ":Redis"]))
        {
            builder.AddRedisCluster();
        }

        return builder;
    }

    private static bool IsRegistered<T>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(T));
}
