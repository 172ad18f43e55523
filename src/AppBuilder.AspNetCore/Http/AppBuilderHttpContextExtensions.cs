using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Preview;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>Lets a host's own middleware tell requests to AppBuilder's separate preview origin apart.</summary>
public static class AppBuilderHttpContextExtensions
{
    /// <summary>
    /// Whether the request arrived on <see cref="AppBuilderOptions.PreviewOrigin"/> (by its <c>Host</c> header). Always
    /// <see langword="false"/> when no preview origin is configured or AppBuilder is not registered. Endpoints are
    /// already refused there; use this for middleware that answers before endpoints, such as static files.
    /// </summary>
    /// <param name="context">The request's context.</param>
    public static bool IsAppBuilderPreviewOrigin(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<PreviewOrigin>() is { IsConfigured: true } origin && origin.IsPreviewRequest(context.Request);
    }
}
