using AppBuilder.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Access;

/// <summary>
/// Guards every route under <c>/api/projects/{projectId}</c>: the project must exist and the signed-in user must be
/// allowed to use it, else the answer is 404 — the same for a missing and for another person's project. The loaded
/// record is left in <see cref="HttpContext.Items"/> for the handler (<see cref="GetProject"/>).
/// </summary>
internal static class ProjectAccessFilter
{
    private static readonly object ItemKey = new();

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var accessor = http.RequestServices.GetRequiredService<ProjectAccessor>();
        var projectId = http.Request.RouteValues["projectId"] as string;
        var project = await accessor.FindAsync(http.User, projectId, http.RequestAborted).ConfigureAwait(false);
        if (project is null)
        {
            return ApiResults.ProjectNotFound();
        }

        http.Items[ItemKey] = project;
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The project the filter loaded for this request.</summary>
    public static ProjectRecord GetProject(this HttpContext context) =>
        context.Items[ItemKey] as ProjectRecord
        ?? throw new InvalidOperationException("The project access filter did not run for this endpoint.");
}
