using System.Text.Json;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using Microsoft.Extensions.AI;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// Turns a stored chat history into what the editor shows: user and assistant messages, with each tool call's
/// result folded into the assistant message that made the call. System messages are not shown; a tool message
/// whose results all matched earlier calls disappears into them.
/// </summary>
internal static class ChatHistoryMapper
{
    public static MessageDto[] Map(IReadOnlyList<ChatMessage> messages)
    {
        var result = new List<MessageDto>();
        var calls = new Dictionary<string, (int MessageIndex, int CallIndex)>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            if (message.Role == ChatRole.Tool)
            {
                var unmatched = new List<ToolCallDto>();
                foreach (var content in message.Contents.OfType<FunctionResultContent>())
                {
                    var (text, isError) = ResultText(content);
                    if (calls.TryGetValue(content.CallId, out var at))
                    {
                        var owner = result[at.MessageIndex];
                        var toolCalls = owner.ToolCalls!.ToArray();
                        toolCalls[at.CallIndex] = toolCalls[at.CallIndex] with { Result = text, IsError = isError };
                        result[at.MessageIndex] = owner with { ToolCalls = toolCalls };
                    }
                    else
                    {
                        unmatched.Add(new ToolCallDto(content.CallId, "", "", text, isError));
                    }
                }

                if (unmatched.Count > 0 || message.Text.Length > 0)
                {
                    result.Add(new MessageDto("tool", message.Text, unmatched.Count > 0 ? unmatched : null));
                }

                continue;
            }

            var functionCalls = message.Contents.OfType<FunctionCallContent>().ToList();
            var dtos = functionCalls.Select(c => new ToolCallDto(c.CallId, c.Name,
                JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>()), null, null)).ToList();
            for (var i = 0; i < functionCalls.Count; i++)
            {
                calls[functionCalls[i].CallId] = (result.Count, i);
            }

            var role = message.Role == ChatRole.User ? "user" : "assistant";
            result.Add(new MessageDto(role, message.Text, dtos.Count > 0 ? dtos : null,
                message.Role == ChatRole.User ? message.MessageId : null));
        }

        return [.. result];
    }

    private static (string Text, bool IsError) ResultText(FunctionResultContent content)
    {
        var text = content.Result switch
        {
            null => "",
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
            var other => JsonSerializer.Serialize(other),
        };
        return (text, content.Exception is not null || text.StartsWith("Error:", StringComparison.Ordinal));
    }
}
