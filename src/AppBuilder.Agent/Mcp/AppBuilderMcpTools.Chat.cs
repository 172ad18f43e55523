using System.ComponentModel;
using AppBuilder.Events;
using AppBuilder.Storage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

internal sealed partial class AppBuilderMcpTools
{
    [McpServerTool(Name = "chat", Title = "Chat with the project's agent", Destructive = true, OpenWorld = true)]
    [Description("Sends a message to the project's AI agent, which edits the app's files, and waits for its answer. " +
        "While it works, progress notifications report its text, tool calls and changed files. Cancelling the request " +
        "stops the turn. The result is the agent's final answer, then a JSON summary (session, end reason, files changed, checkpoint).")]
    public Task<CallToolResult> ChatAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        [Description("What to build or change.")] string message,
        [Description("The chat session to continue; the project's latest session when omitted.")] string? sessionId = null,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            message = message?.Trim() ?? "";
            if (message.Length == 0)
            {
                return McpToolResults.Error("The message must not be empty.");
            }

            if (message.Length > options.Value.MaxMessageLength)
            {
                return McpToolResults.Error($"The message is longer than {options.Value.MaxMessageLength} characters.");
            }

            var session = await FindSessionAsync(project, sessionId, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                return McpToolResults.Error("Session not found.");
            }

            var turn = new TurnProgress(options.Value.ProgressTextChars);
            var notifier = new ProgressNotifier(context, logger);
            await foreach (var agentEvent in backend.RunTurnAsync(project, session.Id, message, context.User, cancellationToken).ConfigureAwait(false))
            {
                turn.Add(agentEvent);
                await notifier.SendAsync(turn.TakeLines()).ConfigureAwait(false);
            }

            turn.FlushText();
            await notifier.SendAsync(turn.TakeLines()).ConfigureAwait(false);
            var reason = turn.Done?.Reason ?? TurnEndReason.Failed;
            McpLog.TurnEnded(logger, project.Id, session.Id, TurnProgress.Reason(reason));
            var summary = McpToolResults.Serialize(new
            {
                sessionId = session.Id,
                reason = TurnProgress.Reason(reason),
                steps = turn.Done?.Steps ?? 0,
                filesChanged = turn.FilesChanged.ToArray(),
                checkpoint = turn.Checkpoint?.Number,
                errors = turn.Errors.Select(e => new { code = e.Code, message = e.Message }).ToArray(),
            });
            var failed = reason is TurnEndReason.Failed or TurnEndReason.Cancelled;
            var answer = turn.Answer.Trim();
            if (failed)
            {
                answer = turn.Errors.Count > 0
                    ? $"The turn {TurnProgress.Reason(reason)}: {turn.Errors[^1].Message}"
                    : $"The turn {TurnProgress.Reason(reason)}.";
            }

            return new CallToolResult
            {
                IsError = failed,
                Content =
                [
                    new TextContentBlock { Text = answer.Length > 0 ? answer : "(the agent gave no text answer)" },
                    new TextContentBlock { Text = summary },
                ],
            };
        }, cancellationToken);

    private async Task<ChatSessionRecord?> FindSessionAsync(ProjectRecord project, string? sessionId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(sessionId))
        {
            return StorageId.IsValid(sessionId)
                ? await projects.GetSessionAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false)
                : null;
        }

        var sessions = await projects.ListSessionsAsync(project.Id, cancellationToken).ConfigureAwait(false);
        if (sessions.Count > 0)
        {
            return sessions[^1];
        }

        var created = new ChatSessionRecord { Id = StorageId.New(), ProjectId = project.Id, Title = "Chat", CreatedAt = time.GetUtcNow() };
        await projects.CreateSessionAsync(created, cancellationToken).ConfigureAwait(false);
        return created;
    }
}
