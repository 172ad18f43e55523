using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Preview;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>Lets a host's own middleware tell requests to AppBuilder's preview origins apart.</summary>
public static class AppBuilderHttpContextExtensions
{
    /// <summary>
    /// Whether the request is addressed to a project's preview origin: its <c>Host</c> matches
    /// <see cref="AppBuilderPreviewOptions.OriginTemplate"/> (by default <c>{projectId}.preview.localhost</c> on any port).
    /// Always <see langword="false"/> when AppBuilder is not registered. Endpoints are already refused there; use this
    /// for middleware that answers before endpoints, such as static files.
    /// </summary>
    /// <param name="context">The request's context.</param>
    public static bool IsAppBuilderPreviewOrigin(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<PreviewOriginTemplate>() is { } template && template.TryGetProjectId(context.Request, out _);
    }
}
