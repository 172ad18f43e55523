using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;

namespace AppBuilder.Agent.Providers;

/// <summary>Maps the OpenAI SDK's streamed updates, finish reasons and usage onto Microsoft.Extensions.AI types.</summary>
internal static class OpenAIResponseMapper
{
    public static ChatResponseUpdate? ToUpdate(StreamingChatCompletionUpdate update, OpenAIToolCallAssembler toolCalls)
    {
        var contents = new List<AIContent>();
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }
        if (!string.IsNullOrEmpty(update.RefusalUpdate))
        {
            contents.Add(new TextContent(update.RefusalUpdate));
        }

        foreach (var call in update.ToolCallUpdates)
        {
            toolCalls.Add(call.Index, call.ToolCallId, call.FunctionName, call.FunctionArgumentsUpdate);
        }

        AIFinishReason? finishReason = null;
        if (update.FinishReason is { } reason)
        {
            finishReason = MapFinishReason(reason);
            contents.AddRange(toolCalls.Complete());
        }

        if (update.Usage is { } usage)
        {
            contents.Add(new UsageContent(MapUsage(usage)!));
        }

        if (contents.Count == 0 && finishReason is null)
        {
            return null;
        }

        return new ChatResponseUpdate(AIChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = finishReason,
            RawRepresentation = update,
        };
    }

    public static AIFinishReason MapFinishReason(OpenAIFinishReason reason) => reason switch
    {
        OpenAIFinishReason.Stop => AIFinishReason.Stop,
        OpenAIFinishReason.Length => AIFinishReason.Length,
        OpenAIFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        OpenAIFinishReason.ToolCalls or OpenAIFinishReason.FunctionCall => AIFinishReason.ToolCalls,
        _ => new AIFinishReason(reason.ToString()),
    };

    public static UsageDetails? MapUsage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };
}
