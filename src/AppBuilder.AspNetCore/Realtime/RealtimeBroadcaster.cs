using System.Text.Json;
using AppBuilder.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Realtime;

/// <summary>Sends project events to the project's SignalR group. A failed send is logged, never thrown: realtime
/// delivery must not break the agent turn or the request that caused it.</summary>
internal sealed class RealtimeBroadcaster(IHubContext<AppBuilderHub> hub, ILogger<RealtimeBroadcaster> logger)
{
    public async Task SendAsync(string projectId, string method, object payload)
    {
        try
        {
            await hub.Clients.Group(RealtimeMethods.Group(projectId)).SendAsync(method, payload).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BroadcastFailed(logger, ex, projectId, method);
        }
    }

    /// <summary>Sends an agent event as <c>agent_event</c>, plus the specific notification it implies.</summary>
    public async Task SendAgentEventAsync(string projectId, string sessionId, AgentEvent agentEvent)
    {
        var json = JsonSerializer.SerializeToElement(agentEvent, AgentEventJson.Options);
        await SendAsync(projectId, RealtimeMethods.AgentEvent, new AgentEventMessage(projectId, sessionId, agentEvent.EventName, json)).ConfigureAwait(false);
        switch (agentEvent)
        {
            case FileChangedEvent file:
                await SendAsync(projectId, RealtimeMethods.FileChanged,
                    new FileChangedMessage(projectId, file.Path, WireNames.Of(file.Kind), "agent", file.OldPath)).ConfigureAwait(false);
                break;
            case ErrorEvent error:
                await SendAsync(projectId, RealtimeMethods.ChatError,
                    new ChatErrorMessage(projectId, sessionId, error.Message, error.Code)).ConfigureAwait(false);
                break;
            case ApprovalRequestedEvent request:
                await SendAsync(projectId, RealtimeMethods.ToolApproval,
                    new ToolApprovalMessage(projectId, sessionId, request.ApprovalId, "pending", request.CallId, request.ToolName, request.Arguments)).ConfigureAwait(false);
                break;
            case ApprovalResolvedEvent resolved:
                await SendAsync(projectId, RealtimeMethods.ToolApproval,
                    new ToolApprovalMessage(projectId, sessionId, resolved.ApprovalId, resolved.Approved ? "approved" : "denied")).ConfigureAwait(false);
                break;
        }
    }
}
