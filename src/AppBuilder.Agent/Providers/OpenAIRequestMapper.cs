using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace AppBuilder.Agent.Providers;

/// <summary>Maps Microsoft.Extensions.AI messages and options onto the OpenAI SDK's Chat Completions types.</summary>
internal static class OpenAIRequestMapper
{
    // Compact JSON: tool-call arguments go back to the model in every later request.
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static List<OpenAIChatMessage> ToOpenAIMessages(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OpenAIChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            if (message.Role == AIChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == AIChatRole.Assistant)
            {
                AddAssistant(result, message);
            }
            else
            {
                // Tool results travel as their own "tool" messages; any other content of a user/tool message is user input.
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new ToolChatMessage(toolResult.CallId, FormatResult(toolResult)));
                }

                var parts = UserParts(message);
                if (parts.Count > 0)
                {
                    result.Add(new UserChatMessage(parts));
                }
            }
        }

        return result;
    }

    public static ChatCompletionOptions ToCompletionOptions(ChatOptions? options, OpenAIChatOptions defaults)
    {
        var result = new ChatCompletionOptions
        {
            MaxOutputTokenCount = options?.MaxOutputTokens ?? defaults.MaxOutputTokens,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
        };
#pragma warning disable OPENAI001 // Seed is marked experimental by the SDK.
        result.Seed = options?.Seed;
#pragma warning restore OPENAI001

        if (options?.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        foreach (var function in functions)
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(
                function.Name,
                function.Description,
                BinaryData.FromString(function.JsonSchema.GetRawText())));
        }

        if (functions.Count > 0)
        {
            result.ToolChoice = options!.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                _ => ChatToolChoice.CreateAutoChoice(),
            };
            if (options.AllowMultipleToolCalls is { } parallel)
            {
                result.AllowParallelToolCalls = parallel;
            }
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            result.ResponseFormat = json.Schema is { } schema
                ? OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(json.SchemaName ?? "response",
                    BinaryData.FromString(schema.GetRawText()), json.SchemaDescription)
                : OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat();
        }

        return result;
    }

    private static void AddAssistant(List<OpenAIChatMessage> result, AIChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(
                call.CallId,
                call.Name,
                BinaryData.FromString(JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(),
                    CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>))))))
            .ToList();
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));

        if (calls.Count == 0)
        {
            result.Add(new AssistantChatMessage(text));
            return;
        }

        var assistant = new AssistantChatMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }
        result.Add(assistant);
    }

    private static List<ChatMessageContentPart> UserParts(AIChatMessage message)
    {
        var parts = new List<ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text when text.Text.Length > 0:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
            }
        }
        return parts;
    }

    /// <summary>A tool result as the text the model reads.</summary>
    internal static string FormatResult(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is not null => "Error: " + result.Exception.Message,
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        var other => JsonSerializer.Serialize(other, CompactJson.GetTypeInfo(typeof(object))),
    };
}
