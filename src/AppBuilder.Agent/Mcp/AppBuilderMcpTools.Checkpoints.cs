using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

internal sealed partial class AppBuilderMcpTools
{
    [McpServerTool(Name = "get_preview_url", Title = "Preview URL", ReadOnly = true, OpenWorld = false)]
    [Description("Starts the project's dev server when it is asleep and returns a URL that opens the running app " +
        "(on a web host, a fresh single-use grant link for you).")]
    public Task<CallToolResult> GetPreviewUrlAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            var url = await backend.GetPreviewUrlAsync(project, context.User, cancellationToken).ConfigureAwait(false);
            return McpToolResults.Ok(new { url = url.AbsoluteUri });
        }, cancellationToken);

    [McpServerTool(Name = "list_checkpoints", Title = "List checkpoints", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the project's checkpoints (saved versions of its files, one after each agent turn that changed " +
        "something), newest first.")]
    public Task<CallToolResult> ListCheckpointsAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            var list = await snapshots.ListAsync(project.Id, cancellationToken).ConfigureAwait(false);
            return McpToolResults.Ok(new
            {
                checkpoints = list.OrderByDescending(s => s.Number)
                    .Select(s => new { number = s.Number, createdAt = s.CreatedAt, fileCount = s.FileCount, label = s.Label })
                    .ToArray(),
            });
        }, cancellationToken);

    [McpServerTool(Name = "restore_checkpoint", Title = "Restore a checkpoint", Destructive = true, OpenWorld = false)]
    [Description("Makes the project's files exactly those of a checkpoint. The result is recorded as a new checkpoint, " +
        "so a restore can be undone by restoring the checkpoint before it.")]
    public Task<CallToolResult> RestoreCheckpointAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        [Description("The checkpoint's number (from list_checkpoints).")] int number,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            if (number < 1)
            {
                return McpToolResults.Error($"Checkpoint {number} not found.");
            }

            try
            {
                var restored = await backend.RestoreAsync(project, number, cancellationToken).ConfigureAwait(false);
                McpLog.Restored(logger, project.Id, number, restored.Number);
                return McpToolResults.Ok(new { restored = number, checkpoint = restored.Number, fileCount = restored.FileCount });
            }
            catch (Exception ex) when (ex is KeyNotFoundException or AppBuilderException { ErrorCode: "checkpoint_not_found" })
            {
                return McpToolResults.Error($"Checkpoint {number} not found.");
            }
        }, cancellationToken);
}
