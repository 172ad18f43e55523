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
/// checkpoint (so a restore can be undone too) and tells open editors with the hub's <c>checkpoint</c> event;
/// <c>GET …/checkpoints/{from}/diff/{to}</c> shows what changed from one checkpoint to another, or to the project's
/// current files when <c>{to}</c> is <c>current</c>.
/// </summary>
internal static class CheckpointEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/checkpoints", ListAsync);
        // {number} binds as a string: a malformed number is the same 404 as an unknown one, after the access filter.
        project.MapPost("/checkpoints/{number}/restore", RestoreAsync);
        project.MapGet("/checkpoints/{from}/diff/{to}", DiffAsync);
    }

    private static async Task<Results<Ok<CheckpointDiffDto>, ProblemHttpResult>> DiffAsync(HttpContext context, string from, string to,
        ICheckpointDiffer differ, ISnapshotStore snapshots, IWorkspaceManager workspaces, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (!TryParseNumber(from, out var older))
        {
            return CheckpointNotFound(from);
        }

        CheckpointDiff? diff;
        if (string.Equals(to, CurrentFiles, StringComparison.Ordinal))
        {
            // A project that is not open has exactly the files of its latest checkpoint: the diff names that checkpoint.
            if (workspaces.Find(project.Id) is { } workspace)
            {
                IReadOnlyList<SnapshotFile> current;
                try
                {
                    current = await workspace.Sandbox.ReadProjectFilesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (AppBuilderException ex) when (ex.ErrorCode == "invalid_ignore_file")
                {
                    return ApiResults.BadRequest(ex.Message);
                }

                diff = await differ.DiffAsync(project.Id, older, current, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var list = await snapshots.ListAsync(project.Id, cancellationToken).ConfigureAwait(false);
                diff = list.Count == 0 ? null
                    : await differ.DiffAsync(project.Id, older, list.Max(c => c.Number), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (TryParseNumber(to, out var newer))
        {
            diff = await differ.DiffAsync(project.Id, older, newer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return CheckpointNotFound(to);
        }

        if (diff is null)
        {
            return ApiResults.NotFound($"Checkpoint '{from}' or '{to}' not found");
        }

        return TypedResults.Ok(new CheckpointDiffDto(diff.From, diff.To, diff.Additions, diff.Deletions,
            [.. diff.Files.Select(f => new CheckpointFileDiffDto(f.Path, Name(f.Change), Name(f.Content), f.OldSize, f.NewSize,
                f.Additions, f.Deletions, f.UnifiedDiff))]));
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

    private const string CurrentFiles = "current";

    private static bool TryParseNumber(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static CheckpointDto ToDto(SnapshotInfo info) => new(info.Number, info.CreatedAt, info.FileCount, info.Label);

    private static ProblemHttpResult CheckpointNotFound(string number) => ApiResults.NotFound($"Checkpoint '{number}' not found");
}
