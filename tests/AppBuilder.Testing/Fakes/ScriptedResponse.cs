using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing;

/// <summary>
/// What a <see cref="ScriptedChatClient"/> streams for one model call: text chunks, tool calls (optionally with their
/// arguments split across several updates, as providers stream them), usage, pauses and failures, in order.
/// </summary>
public sealed class ScriptedResponse
{
    private readonly List<Func<CancellationToken, Task<ChatResponseUpdate?>>> _steps = [];

    private ScriptedResponse()
    {
    }

    /// <summary>Thrown when the call is made, before any update.</summary>
    public Exception? FailureOnCall { get; private set; }

    /// <summary>The model id put on every update.</summary>
    public string? Model { get; private set; } = "scripted-model";

    internal IReadOnlyList<Func<CancellationToken, Task<ChatResponseUpdate?>>> Steps => _steps;

    /// <summary>Starts an empty response.</summary>
    public static ScriptedResponse Create() => new();

    /// <summary>A response that streams <paramref name="chunks"/> as text, one update each.</summary>
    public static ScriptedResponse FromText(params string[] chunks) => Create().Text(chunks);

    /// <summary>A call that fails at once with <paramref name="exception"/>.</summary>
    public static ScriptedResponse Failing(Exception exception) => new() { FailureOnCall = exception };

    /// <summary>Streams each chunk as its own text update.</summary>
    public ScriptedResponse Text(params string[] chunks)
    {
        foreach (var chunk in chunks)
        {
            Add(new TextContent(chunk));
        }

        return this;
    }

    /// <summary>
    /// Streams a tool call, whole, as the provider adapters hand it over. <paramref name="arguments"/> (an anonymous
    /// object or a dictionary) is turned into JSON values as a provider would parse them.
    /// </summary>
    public ScriptedResponse ToolCall(string callId, string name, object? arguments)
    {
        var json = arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions);
        var parsed = Parse(json) ?? throw new ArgumentException("Arguments must serialise to a JSON object.", nameof(arguments));
        Add(new FunctionCallContent(callId, name, parsed));
        return this;
    }

    /// <summary>Streams a tool call whose arguments are raw JSON text, parsed the way providers parse it: text that is
    /// not a JSON object gives a call with no arguments and <see cref="FunctionCallContent.Exception"/> set.</summary>
    public ScriptedResponse ToolCallJson(string callId, string name, string argumentsJson)
    {
        Add(FunctionCallContent.CreateFromParsedArguments(argumentsJson, callId, name, Parse));
        return this;
    }

    /// <summary>Streams a usage update (<paramref name="cachedInputTokens"/> are part of <paramref name="inputTokens"/>).</summary>
    public ScriptedResponse Usage(long inputTokens, long outputTokens, long? cachedInputTokens = null) =>
        Add(new UsageContent(new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = inputTokens + outputTokens,
            CachedInputTokenCount = cachedInputTokens,
        }));

    /// <summary>Sets the model id put on every update (<see langword="null"/> for none).</summary>
    public ScriptedResponse WithModel(string? modelId)
    {
        Model = modelId;
        return this;
    }

    /// <summary>Pauses the stream here until <paramref name="gate"/> completes (or the call is cancelled).</summary>
    public ScriptedResponse WaitFor(Task gate)
    {
        _steps.Add(async ct =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            return null;
        });
        return this;
    }

    /// <summary>Throws <paramref name="exception"/> at this point of the stream.</summary>
    public ScriptedResponse ThenThrow(Exception exception)
    {
        _steps.Add(_ => Task.FromException<ChatResponseUpdate?>(exception));
        return this;
    }

    private ScriptedResponse Add(AIContent content)
    {
        _steps.Add(_ => Task.FromResult<ChatResponseUpdate?>(new ChatResponseUpdate(ChatRole.Assistant, [content])));
        return this;
    }

    private static Dictionary<string, object?>? Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions);
}
