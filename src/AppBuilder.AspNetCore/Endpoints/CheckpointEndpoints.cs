using System.Globalization;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// History and undo: <c>GET …/checkpoints</c> lists the project's checkpoints, newest first;
/// <c>POST …/checkpoints/{number}/restore</c> makes the files exactly that checkpoint's, records the result as a new
/// checkpoint (so a restore can be undone too) and tells open editors with the hub's <c>checkpoint</c> event.
/// </summary>
internal static class CheckpointEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/checkpoints", ListAsync);
        // {number} binds as a string: a malformed number is the same 404 as an unknown one, after the access filter.
        project.MapPost("/checkpoints/{number}/restore", RestoreAsync);
    }

    private static async Task<Ok<CheckpointDto[]>> ListAsync(HttpContext context, ISnapshotStore snapshots, CancellationToken cancellationToken)
    {
        var list = await snapshots.ListAsync(context.GetProject().Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list
            .OrderByDescending(s => s.Number)
            .Select(ToDto)
            .ToArray());
    }

    private static async Task<Results<Ok<CheckpointDto>, ProblemHttpResult>> RestoreAsync(HttpContext context, string number,
        IWorkspaceManager workspaces, ChatTurnCoordinator turns, RealtimeBroadcaster realtime, ILoggerFactory loggers)
    {
        var project = context.GetProject();
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var checkpoint) || checkpoint < 1)
        {
            return CheckpointNotFound(number);
        }

        using var pause = turns.TryPause(project.Id);
        if (pause is null)
        {
            return ApiResults.Conflict("The agent is working on this project (or another restore is running); wait for it to finish or stop it first.");
        }

        SnapshotInfo restored;
        try
        {
            // Not cancelled with the request: a restore stopped halfway would leave the files matching no checkpoint.
            restored = await workspaces.RestoreAsync(project.Id, checkpoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or AppBuilderException { ErrorCode: "checkpoint_not_found" })
        {
            return CheckpointNotFound(number);
        }

        Log.CheckpointRestored(loggers.CreateLogger(typeof(CheckpointEndpoints)), project.Id, checkpoint, restored.Number);
        await realtime.SendAsync(project.Id, RealtimeMethods.Checkpoint,
            new CheckpointMessage(project.Id, restored.Number, restored.FileCount, restored.Label, restored.CreatedAt, checkpoint)).ConfigureAwait(false);
        return TypedResults.Ok(ToDto(restored));
    }

    private static CheckpointDto ToDto(SnapshotInfo info) => new(info.Number, info.CreatedAt, info.FileCount, info.Label);

    private static ProblemHttpResult CheckpointNotFound(string number) => ApiResults.NotFound($"Checkpoint '{number}' not found");
}
