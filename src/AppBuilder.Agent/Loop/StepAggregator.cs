using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

/// <summary>
/// Turns one model call's streamed updates (already combined by <c>ToChatResponse()</c>) into the assistant message
/// to keep in history and the tool calls to run. The provider adapters hand over each tool call whole (they
/// assemble streamed argument fragments themselves); a call without an id gets one, and informational-only calls
/// (run by the service itself), empty text and usage are dropped.
/// </summary>
internal static class StepAggregator
{
    public static (ChatMessage Assistant, IReadOnlyList<FunctionCallContent> Calls) Build(ChatResponse response)
    {
        var calls = new List<FunctionCallContent>();
        var contents = new List<AIContent>();
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent { InformationalOnly: true }:
                    case TextContent { Text.Length: 0 }:
                    case UsageContent:
                        break;
                    case FunctionCallContent call:
                        var complete = string.IsNullOrEmpty(call.CallId)
                            ? new FunctionCallContent($"call_{calls.Count + 1}", call.Name, call.Arguments) { Exception = call.Exception }
                            : call;
                        calls.Add(complete);
                        contents.Add(complete);
                        break;
                    default:
                        contents.Add(content);
                        break;
                }
            }
        }

        return (new ChatMessage(ChatRole.Assistant, contents), calls);
    }
}
