using System.Runtime.CompilerServices;
using System.Text.Json;
using AppBuilder.Agent;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>
/// An agent runner that acts out its message, standing in for the agent package in these host tests:
/// <c>write PATH CONTENT</c> writes a file through the sandbox (asking the approval gate first when supervised);
/// <c>wait</c> streams a little text then waits until cancelled; <c>fail</c> throws; anything else answers with text.
/// It records the history like the real runner does.
/// </summary>
internal sealed class ScriptedAgentRunner(IProjectStore store, IToolApprovalGate gate) : IAgentRunner
{
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async IAsyncEnumerable<AgentEvent> RunStreamingAsync(AgentTurnRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await store.AppendMessagesAsync(request.ProjectId, request.SessionId, [new ChatMessage(ChatRole.User, request.Message)], cancellationToken);
        var parts = request.Message.Split(' ', 3);
        switch (parts[0])
        {
            case "write" when parts.Length == 3:
                var args = JsonSerializer.Serialize(new { file_path = parts[1], content = parts[2] });
                yield return new ToolCallStartedEvent("call-1", "write", args);
                var approved = true;
                if (request.Supervised)
                {
                    var ask = new ApprovalRequestedEvent("ap-" + Guid.NewGuid().ToString("N")[..8], "call-1", "write", args);
                    yield return ask;
                    approved = await gate.WaitForApprovalAsync(ask, request.ProjectId, cancellationToken);
                    yield return new ApprovalResolvedEvent(ask.ApprovalId, approved);
                }

                if (approved)
                {
                    await request.Sandbox.Files.WriteTextAsync(parts[1], parts[2], cancellationToken);
                    yield return new FileChangedEvent(parts[1], FileChangeKind.Created);
                }

                yield return new ToolCallCompletedEvent("call-1", "write", !approved, approved ? "wrote " + parts[1] : "Error: denied", TimeSpan.FromMilliseconds(1));
                yield return new TextDeltaEvent("Done.");
                await store.AppendMessagesAsync(request.ProjectId, request.SessionId,
                [
                    new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "write", new Dictionary<string, object?> { ["file_path"] = parts[1] })]),
                    new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-1", approved ? "wrote " + parts[1] : "Error: denied")]),
                    new ChatMessage(ChatRole.Assistant, "Done."),
                ], cancellationToken);
                yield return new DoneEvent(TurnEndReason.Completed, 2);
                break;
            case "wait":
                yield return new TextDeltaEvent("working");
                Waiting.TrySetResult();
                var cancelled = false;
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                }

                if (cancelled)
                {
                    yield return new DoneEvent(TurnEndReason.Cancelled, 1);
                }

                break;
            case "fail":
                throw new AppBuilderException("No recording for this prompt.", "no_recording");
            default:
                yield return new TextDeltaEvent("Hello ");
                yield return new TextDeltaEvent("there.");
                yield return new UsageEvent("scripted", 10, 2, 12, null);
                await store.AppendMessagesAsync(request.ProjectId, request.SessionId, [new ChatMessage(ChatRole.Assistant, "Hello there.")], cancellationToken);
                yield return new DoneEvent(TurnEndReason.Completed, 1);
                break;
        }
    }

    public async Task<AgentTurnResult> RunAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var e in RunStreamingAsync(request, cancellationToken))
        {
            events.Add(e);
        }

        var done = events.OfType<DoneEvent>().Last();
        return new AgentTurnResult(string.Concat(events.OfType<TextDeltaEvent>().Select(t => t.Text)), done.Reason, done.Steps, 0, 0, events);
    }
}
