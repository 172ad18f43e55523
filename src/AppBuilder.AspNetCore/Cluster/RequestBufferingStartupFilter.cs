using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// In cluster mode, makes request bodies re-readable (<c>EnableBuffering</c>): endpoint parameters are bound before
/// <see cref="ClusterRoutingFilter"/> decides to forward, and the forwarded request needs the body again. Bodies stay
/// capped by the endpoints' own limits; past 30 KB the buffer is a temporary file.
/// </summary>
internal sealed class RequestBufferingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) =>
        {
            if (context.Request.Path.Value?.Contains("/api/projects/", StringComparison.Ordinal) == true)
            {
                context.Request.EnableBuffering();
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
