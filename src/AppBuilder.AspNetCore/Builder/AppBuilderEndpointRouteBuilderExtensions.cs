using System.Diagnostics.CodeAnalysis;
using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Access;
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
    /// sessions, chat over server-sent events, files, approvals, heartbeat, persist, checkpoints, logs), the SignalR hub at
    /// <c>/api/hub</c> and the preview proxy at <c>/preview/{projectId}/</c>. Every route except health requires an
    /// authenticated user, and a project the user may not use (see <see cref="IProjectAccessPolicy"/>) is 404.
    /// With <see cref="AppBuilderOptions.PreviewOrigin"/> set, previews are served only on that origin (other origins
    /// redirect there) and that origin serves nothing but previews and their log POSTs.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="pattern">A route prefix, such as <c>"/appbuilder"</c>; empty by default.</param>
    /// <returns>The group holding every route, so that hosts can add authorization policies, rate limiting or CORS.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAppBuilder</c> was not called, or the workspaces' preview base
    /// path does not match where the proxy serves previews.</exception>
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
        var paths = services.GetRequiredService<PreviewPaths>();
        paths.SetPrefix(prefix == "/" ? "" : prefix);
        var workspaceOptions = services.GetRequiredService<IOptions<WorkspaceOptions>>().Value;
        var previewBase = workspaceOptions.PreviewBasePath;
        const string probe = "p0";
        if (!string.Equals(workspaceOptions.GetPreviewBasePath(probe), paths.PreviewPath(probe), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The workspaces serve previews under '{previewBase}' but MapAppBuilder(\"{pattern}\") proxies them at " +
                $"'{paths.PreviewBaseTemplate}'. Set AppBuilder:Workspace:PreviewBasePath to '{paths.PreviewBaseTemplate}'.");
        }

        var group = endpoints.MapGroup(pattern);
        group.RequireAuthorization();

        var api = group.MapGroup("/api");
        var project = api.MapGroup("/projects/{projectId}");
        project.AddEndpointFilter(ProjectAccessFilter.InvokeAsync);

        HealthEndpoints.Map(api);
        ProjectEndpoints.Map(api, project);
        SessionEndpoints.Map(project);
        ChatEndpoints.Map(project);
        FileEndpoints.Map(project);
        ApprovalEndpoints.Map(project);
        LifecycleEndpoints.Map(project);
        CheckpointEndpoints.Map(project);
        LogEndpoints.Map(project);
        api.MapHub<AppBuilderHub>("/hub");

        var forwarder = services.GetRequiredService<PreviewForwarder>();
        var preview = endpoints.CreateApplicationBuilder();
        preview.UseWebSockets();
        preview.Run(forwarder.InvokeAsync);
        group.Map("/preview/{projectId}/{**path}", preview.Build())
            .WithDisplayName("AppBuilder preview proxy")
            .WithMetadata(PreviewOriginEndpointMetadata.Instance);
        return group;
    }
}
