using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// Where a request stands in its conversation: the first user message, which turn (user messages so far) and which
/// step (assistant messages since the last user message).
/// </summary>
internal readonly record struct ReplayConversation(string FirstUserMessage, string LastUserMessage, int TurnIndex, int StepIndex,
    int LastUserMessageIndex)
{
    public static ReplayConversation Of(IReadOnlyList<ChatMessage> messages)
    {
        string? first = null;
        var last = "";
        var users = 0;
        var lastUserIndex = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            if (IsUserMessage(messages[i]))
            {
                first ??= messages[i].Text;
                last = messages[i].Text;
                users++;
                lastUserIndex = i;
            }
        }

        var steps = 0;
        for (var i = lastUserIndex + 1; i < messages.Count; i++)
        {
            if (messages[i].Role == ChatRole.Assistant)
            {
                steps++;
            }
        }

        return new ReplayConversation(first ?? "", last, Math.Max(users - 1, 0), steps, lastUserIndex);
    }

    /// <summary>A message the person wrote: role user with text, not a tool result carried in a user message.</summary>
    public static bool IsUserMessage(ChatMessage message) =>
        message.Role == ChatRole.User
        && !message.Contents.OfType<FunctionResultContent>().Any()
        && message.Contents.OfType<TextContent>().Any();
}
