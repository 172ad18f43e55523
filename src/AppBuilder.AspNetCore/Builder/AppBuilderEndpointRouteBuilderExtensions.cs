using System.Diagnostics.CodeAnalysis;
using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.AspNetCore.Endpoints;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AppBuilder HTTP API, its SignalR hub and the preview proxy.</summary>
public static class AppBuilderEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="pattern"/>: <c>/api/health</c> (anonymous), <c>/api/projects…</c> (projects,
    /// sessions, chat over server-sent events, files, approvals, heartbeat, persist, checkpoints, logs, usage, preview grants),
    /// <c>/api/usage</c> (the signed-in user's usage),
    /// the SignalR hub at <c>/api/hub</c> and <c>/preview/{projectId}/</c> (a redirect to the project's preview). Every
    /// route except health requires an authenticated user, a project the user may not use (see
    /// <see cref="IProjectAccessPolicy"/>) is 404, and requests that pages of other origins or sites sent are 403 (see
    /// <see cref="AppBuilderOptions.EditorOrigins"/>). Also maps, at the root and only for hosts that match
    /// <see cref="AppBuilderPreviewOptions.OriginTemplate"/>, the preview origins: each project's dev server through the
    /// preview proxy, entered with a grant; nothing else of the application is served there.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="pattern">A route prefix for the API, such as <c>"/appbuilder"</c>; empty by default. Preview origins
    /// always serve from their root.</param>
    /// <returns>The group holding the editor-origin routes, so that hosts can add authorization policies, rate limiting or CORS.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAppBuilder</c> was not called, or the workspaces serve previews
    /// under a base path other than <c>/</c>.</exception>
    public static IEndpointConventionBuilder MapAppBuilder(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var services = endpoints.ServiceProvider;
        if (services.GetService<AppBuilderMarker>() is null)
        {
            throw new InvalidOperationException(
                "AppBuilder's services are not registered. Call services.AddAppBuilder(builder.Configuration) before app.MapAppBuilder().");
        }

        var prefix = "/" + pattern.Trim().Trim('/');
        services.GetRequiredService<PreviewPaths>().SetPrefix(prefix == "/" ? "" : prefix);
        var workspaceOptions = services.GetRequiredService<IOptions<WorkspaceOptions>>().Value;
        if (!string.Equals(workspaceOptions.GetPreviewBasePath("p0"), "/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The workspaces serve previews under '{workspaceOptions.PreviewBasePath}', but each project's preview has an origin " +
                "of its own and is served from its root. Remove AppBuilder:Workspace:PreviewBasePath (or set it to '/').");
        }

        var group = endpoints.MapGroup(pattern);
        group.RequireAuthorization();
        group.WithMetadata(EditorEndpointMetadata.Instance);
        group.AddEndpointFilter(StorageFailureFilter.InvokeAsync);

        var api = group.MapGroup("/api");
        var project = api.MapGroup("/projects/{projectId}");
        project.AddEndpointFilter(ProjectAccessFilter.InvokeAsync);
        project.AddEndpointFilter(ClusterRoutingFilter.InvokeAsync);

        HealthEndpoints.Map(api);
        ProjectEndpoints.Map(api, project);
        SessionEndpoints.Map(project);
        ChatEndpoints.Map(project);
        FileEndpoints.Map(project);
        ApprovalEndpoints.Map(project);
        LifecycleEndpoints.Map(project);
        CheckpointEndpoints.Map(project);
        LogEndpoints.Map(project);
        UsageEndpoints.Map(api, project);
        PreviewErrorEndpoints.Map(project);
        McpServerEndpoints.Map(project);
        PreviewEndpoints.MapEditor(group, project);
        api.MapHub<AppBuilderHub>("/hub");

        PreviewEndpoints.MapPreviewOrigins(endpoints, services.GetRequiredService<PreviewOriginTemplate>(),
            services.GetRequiredService<PreviewOriginHandler>());
        return group;
    }
}
