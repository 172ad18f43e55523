using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace AppBuilder.Web.Hosting;

/// <summary>Serves the built React client (wwwroot/app) and its client-side routes.</summary>
public static class EditorClientExtensions
{
    /// <summary>Registers the route constraint used by <see cref="MapEditorClient"/>.</summary>
    public static IServiceCollection AddEditorClient(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<ClientRouteConstraint>(ClientRouteConstraint.Name));

    /// <summary>Static files: hashed bundles under /app/assets are cached for a year; everything else revalidates.</summary>
    public static IApplicationBuilder UseEditorClientFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.GetTypedHeaders();
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/app/assets")
                    ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365) }
                    : new CacheControlHeaderValue { NoCache = true };
            },
        });

    /// <summary>
    /// Answers every client route (not /api, /preview, /auth or a file) with app/index.html, so deep links such
    /// as /projects/{id} load the editor.
    /// </summary>
    public static IEndpointConventionBuilder MapEditorClient(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallbackToFile($"{{*path:nonfile:{ClientRouteConstraint.Name}}}", "app/index.html", new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoCache = true, NoStore = true },
        });

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".ttf"] = "font/ttf";
        return provider;
    }
}
