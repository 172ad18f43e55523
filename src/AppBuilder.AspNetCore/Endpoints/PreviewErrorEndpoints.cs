using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.AspNetCore.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// The preview's errors: <c>GET …/preview-errors</c> lists them (newest first, the shape of the hub's
/// <c>preview_error</c>), <c>POST …/preview-errors/{errorId}/fix</c> starts a fix turn (body <c>{ "sessionId": "…" }</c>,
/// optional; answers 202 with the session the turn runs in, which streams over the hub like any turn) and
/// <c>DELETE …/preview-errors/{errorId}</c> dismisses one. The fix prompt is built here, on the server, from the stored
/// error: the client only names it.
/// </summary>
internal static class PreviewErrorEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/preview-errors", List);
        project.MapPost("/preview-errors/{errorId}/fix", FixAsync);
        project.MapDelete("/preview-errors/{errorId}", Dismiss);
    }

    private static Ok<PreviewErrorMessage[]> List(HttpContext context, PreviewErrorTracker tracker)
    {
        var projectId = context.GetProject().Id;
        return TypedResults.Ok(tracker.List(projectId).Select(e => PreviewErrorMessage.Of(projectId, e)).ToArray());
    }

    private static async Task<Results<Accepted<FixStartedResult>, ProblemHttpResult>> FixAsync(HttpContext context, string errorId,
        FixRequest? request, PreviewErrorFixer fixer, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        var outcome = await fixer.FixAsync(project, errorId, request?.SessionId, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            FixStartStatus.Started => TypedResults.Accepted((string?)null, new FixStartedResult(errorId, outcome.SessionId!)),
            FixStartStatus.NotFound => ApiResults.NotFound("Preview error not found (it may have been dismissed or forgotten)"),
            FixStartStatus.NoSession => request?.SessionId is null
                ? ApiResults.Conflict("The project has no chat session to run the fix turn in; create one first.")
                : ApiResults.NotFound("Session not found"),
            FixStartStatus.AlreadyFixing => ApiResults.Conflict("This error is already being fixed."),
            _ => ApiResults.Conflict("A turn of this project is running; wait for it to finish, then try again."),
        };
    }

    private static Results<NoContent, ProblemHttpResult> Dismiss(HttpContext context, string errorId, PreviewErrorTracker tracker) =>
        tracker.Remove(context.GetProject().Id, errorId)
            ? TypedResults.NoContent()
            : ApiResults.NotFound("Preview error not found (it may have been dismissed or forgotten)");

    internal sealed record FixRequest(string? SessionId);

    internal sealed record FixStartedResult(string ErrorId, string SessionId);
}
