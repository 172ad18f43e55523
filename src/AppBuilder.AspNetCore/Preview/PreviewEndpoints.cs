using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The preview's endpoints. On the editor origin (inside the API group): <c>POST /api/projects/{projectId}/preview-grant</c>
/// and the <c>/preview/{projectId}/…</c> redirect, both handing the signed-in person a fresh grant link. On preview
/// origins (host-matched, outside the group, anonymous as far as the host's authentication is concerned): the grant
/// exchange, the log POST and the proxy for every other path.
/// </summary>
internal static class PreviewEndpoints
{
    public static void MapEditor(RouteGroupBuilder group, RouteGroupBuilder project)
    {
        project.MapPost("/preview-grant", CreateGrant);
        group.MapGet("/preview/{projectId}/{**path}", RedirectAsync).WithDisplayName("AppBuilder preview redirect");
    }

    public static void MapPreviewOrigins(IEndpointRouteBuilder endpoints, PreviewOriginTemplate template, PreviewOriginHandler handler)
    {
        var host = template.HostPattern;
        endpoints.MapGet(PreviewPaths.GrantPath, handler.ExchangeGrantAsync)
            .RequireHost(host).AllowAnonymous().WithMetadata(PreviewOriginEndpointMetadata.Instance)
            .WithDisplayName("AppBuilder preview grant exchange");
        endpoints.MapPost(PreviewPaths.PreviewLogsPath, handler.AppendLogsAsync)
            .RequireHost(host).AllowAnonymous().WithMetadata(PreviewOriginEndpointMetadata.Instance)
            .WithDisplayName("AppBuilder preview logs");
        endpoints.Map("/{**path}", handler.ProxyAsync)
            .RequireHost(host).AllowAnonymous().WithMetadata(PreviewOriginEndpointMetadata.Instance)
            .WithDisplayName("AppBuilder preview proxy");
    }

    private static Results<Ok<PreviewGrantDto>, ProblemHttpResult> CreateGrant(HttpContext context, PreviewLinks links)
    {
        var project = context.GetProject();
        var link = links.Grant(context, project.Id);
        return link is null
            ? ApiResults.Conflict($"Project id '{project.Id}' cannot be a host name label, so the project has no preview origin.")
            : TypedResults.Ok(new PreviewGrantDto(link.Url, link.Origin, link.ExpiresAt));
    }

    private static async Task<IResult> RedirectAsync(HttpContext context, string projectId, string? path, ProjectAccessor projects,
        PreviewLinks links)
    {
        var project = await projects.FindAsync(context.User, projectId, context.RequestAborted).ConfigureAwait(false);
        if (project is null)
        {
            return ApiResults.ProjectNotFound();
        }

        var link = links.Grant(context, project.Id, "/" + (path ?? "") + context.Request.QueryString.ToUriComponent());
        if (link is null)
        {
            return ApiResults.Conflict($"Project id '{project.Id}' cannot be a host name label, so the project has no preview origin.");
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Redirect(link.Url);
    }
}
