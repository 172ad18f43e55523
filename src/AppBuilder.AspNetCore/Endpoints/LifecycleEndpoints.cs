using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Lifecycle;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// Keeping a workspace alive: the editor's periodic heartbeat renews the sandbox lease; the persist beacon a closing
/// tab sends (<c>navigator.sendBeacon</c>, any content type) saves the files in the background.
/// </summary>
internal static class LifecycleEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapPost("/heartbeat", HeartbeatAsync);
        project.MapPost("/persist", Persist);
    }

    private static async Task<Results<Ok<HeartbeatDto>, ProblemHttpResult>> HeartbeatAsync(HttpContext context, IWorkspaceManager workspaces,
        CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (workspaces.Find(project.Id) is not { } workspace || workspace.Status is WorkspaceStatus.Sleeping)
        {
            return ApiResults.Conflict("The workspace is not running; open the project (POST …/open) first.");
        }

        try
        {
            await workspaces.HeartbeatAsync(project.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The sandbox stopped between the check above and the renewal (idle clean-up or a crash).
            return ApiResults.Conflict("The workspace stopped; open the project (POST …/open) again.");
        }

        return TypedResults.Ok(new HeartbeatDto(workspace.Sandbox.LeaseExpiresAt));
    }

    private static Accepted Persist(HttpContext context, ProjectBackgroundWork background)
    {
        // The body (if any) is ignored: beacons send whatever the page chose, often text/plain.
        background.Persist(context.GetProject().Id, "Saved when the editor closed");
        return TypedResults.Accepted((string?)null);
    }
}
