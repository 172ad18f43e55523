using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AppBuilder.Agent;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// Chat: <c>POST …/chat</c> starts an agent turn and streams its events as server-sent events
/// (<c>event: &lt;type&gt;</c>, <c>data: &lt;AgentEventJson&gt;</c>), ending with <c>done</c>; <c>POST …/stop</c>
/// cancels it. Closing the stream does not cancel the turn: other tabs and the transcript still receive it over
/// SignalR, and only the stop endpoint ends it early.
/// </summary>
internal static class ChatEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapPost("/sessions/{sessionId}/chat", ChatAsync);
        project.MapPost("/sessions/{sessionId}/stop", StopAsync).WithMetadata(AnyHostEndpointMetadata.Instance);
    }

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> ChatAsync(HttpContext context, string sessionId,
        ChatRequest? request, IProjectStore projects, IWorkspaceManager workspaces, ChatTurnCoordinator turns,
        IOptions<AppBuilderOptions> options, IProjectAccessPolicy policy, UsageBudget budget, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (!StorageId.IsValid(sessionId) || await projects.GetSessionAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Session not found");
        }

        var message = request?.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return ApiResults.BadRequest("A JSON body { \"message\": \"...\" } with a non-empty message is required.");
        }

        if (message.Length > options.Value.MaxChatMessageLength)
        {
            return ApiResults.BadRequest($"The message is longer than {options.Value.MaxChatMessageLength} characters.");
        }

        // Refused before the workspace opens or any model is called; the turn checks again, for other hosts of the agent.
        var userId = policy.GetUserId(context.User);
        if (await budget.GetRefusalAsync(project.Id, userId, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return ApiResults.BudgetExceeded(refusal);
        }

        if (turns.Find(project.Id, sessionId) is not null)
        {
            return ApiResults.Conflict("This chat session is already running a turn; stop it or wait for it to finish.");
        }

        // Claimed before the workspace opens: a restore or a deletion that pauses the project either refuses this
        // turn here or sees it running (and a deletion cancels the open below and waits for it).
        var turn = turns.TryReserve(project.Id, sessionId, message);
        if (turn is null)
        {
            return ApiResults.Conflict("This chat session is already running a turn, or the project is being restored to a checkpoint or deleted; wait for it to finish.");
        }

        ProjectWorkspace workspace;
        try
        {
            using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, turn.Cancellation.Token);
            workspace = await workspaces.OpenAsync(project.Id, project.Template, opening.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (turn.Cancellation.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            turns.Abandon(turn);
            return ApiResults.Conflict("The turn was stopped, or the project is being deleted, while its workspace was opening.");
        }
        catch
        {
            turns.Abandon(turn);
            throw;
        }

        turns.Start(turn, project, workspace.Sandbox, userId);

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(StreamAsync(turn, turn.Subscribe(), CancellationToken.None));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(ChatTurn turn, ChannelReader<AgentEvent> reader,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var agentEvent in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new SseItem<string>(AgentEventJson.Serialize(agentEvent), agentEvent.EventName);
            }
        }
        finally
        {
            turn.Unsubscribe(reader);
        }
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> StopAsync(HttpContext context, string sessionId, IProjectStore projects,
        ChatTurnCoordinator turns, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (!StorageId.IsValid(sessionId) || await projects.GetSessionAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Session not found");
        }

        if (!turns.Stop(project.Id, sessionId) && context.RequestServices.GetService<ClusterCommandBus>() is { } bus)
        {
            try
            {
                await bus.StopAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ClusterRedis.IsOutage(ex))
            {
                return ApiResults.Unavailable(context, "The cluster's coordination store (Redis) is unreachable, so the turn could not be reached; try again shortly.");
            }
        }

        return TypedResults.Accepted((string?)null);
    }
}
