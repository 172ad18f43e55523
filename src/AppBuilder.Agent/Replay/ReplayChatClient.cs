using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// An <see cref="IChatClient"/> that answers from <see cref="ReplayRecording"/>s instead of a model: the
/// conversation's first user message picks the recording, the number of user messages the turn, and the number of
/// assistant messages since the last user message the step. Text streams in small word groups, then the step's tool
/// calls arrive whole. Tool results are not looked at: a recording replays the same answers whatever its tools return.
/// </summary>
/// <remarks>
/// Thread-safe. A prompt that no recording answers throws <see cref="AppBuilderException"/> with error code
/// <c>no_recording</c> and a message listing the prompts that work. Per-response metadata: <see cref="ChatResponseUpdate.ModelId"/>
/// is <c>replay/&lt;recording id&gt;</c> and <see cref="ChatResponseUpdate.AdditionalProperties"/> carries
/// <c>replay.title</c>.
/// </remarks>
public sealed partial class ReplayChatClient : IChatClient
{
    /// <summary>The error code thrown when no recording answers a conversation.</summary>
    public const string NoRecordingErrorCode = "no_recording";

    private readonly ReplayLibrary _library;
    private readonly ReplayChatOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ReplayChatClientMetadata _metadata;

    /// <summary>Creates a replay client.</summary>
    /// <param name="library">The recordings to answer from.</param>
    /// <param name="options">Chunking and pacing; defaults when null.</param>
    /// <param name="timeProvider">The clock the pauses between chunks wait on; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where matches are logged.</param>
    public ReplayChatClient(ReplayLibrary library, ReplayChatOptions? options = null, TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        _library = library;
        _options = options ?? new ReplayChatOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _metadata = new ReplayChatClientMetadata(library);
    }

    /// <summary>The recordings this client answers from.</summary>
    public ReplayLibrary Library => _library;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (recording, step, turnIndex, stepIndex) = Select([.. messages]);
        var id = $"replay-{recording.Id}-{turnIndex + 1}-{stepIndex + 1}";
        var createdAt = _timeProvider.GetUtcNow();

        ChatResponseUpdate Update(IList<AIContent> contents) => new(ChatRole.Assistant, contents)
        {
            ResponseId = id,
            MessageId = id,
            ModelId = $"{ReplayChatClientMetadata.Replay}/{recording.Id}",
            CreatedAt = createdAt,
            AdditionalProperties = new() { ["replay.title"] = recording.Metadata.Title },
        };

        if (!string.IsNullOrEmpty(step.Text))
        {
            var first = true;
            foreach (var chunk in Chunk(step.Text, _options.WordsPerChunk))
            {
                if (!first && _options.ChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.ChunkDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                first = false;
                yield return Update([new TextContent(chunk)]);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = new List<AIContent>(step.ToolCalls.Select(ToFunctionCall));
        if (step.Usage is { } usage)
        {
            final.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = usage.InputTokens,
                OutputTokenCount = usage.OutputTokens,
                TotalTokenCount = usage.TotalTokens ?? usage.InputTokens + usage.OutputTokens,
                CachedInputTokenCount = usage.CachedInputTokens,
            }));
        }

        var last = Update(final);
        last.FinishReason = step.ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
        yield return last;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(ChatClientMetadata) || serviceType == typeof(ReplayChatClientMetadata))
        {
            return _metadata;
        }
        if (serviceType == typeof(ReplayLibrary))
        {
            return _library;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: recordings live in memory.
    }

    private (ReplayRecording Recording, ReplayStep Step, int Turn, int StepIndex) Select(IReadOnlyList<ChatMessage> messages)
    {
        var conversation = ReplayConversation.Of(messages);
        if (conversation.FirstUserMessage.Length == 0)
        {
            throw new AppBuilderException(
                "The replay model needs a user message to pick a recording; the request has none.", NoRecordingErrorCode);
        }

        if (_library.MatchWithReason(conversation.FirstUserMessage) is not { } match)
        {
            throw new AppBuilderException(_library.DescribeNoMatch(conversation.FirstUserMessage), NoRecordingErrorCode);
        }

        var recording = match.Recording;
        if (conversation.TurnIndex == 0 && conversation.StepIndex == 0)
        {
            ProvidersLog.ReplayMatched(_logger, recording.Id, match.How);
        }

        if (conversation.TurnIndex >= recording.Turns.Count)
        {
            var followUps = recording.Turns.Skip(1).Select(t => $"\"{t.User}\"").ToList();
            throw new AppBuilderException(
                $"The replay recording '{recording.Metadata.Title}' has answers for {recording.Turns.Count} message(s) " +
                $"in a conversation, and this is message {conversation.TurnIndex + 1}. " +
                (followUps.Count > 0 ? $"Its follow-ups are: {string.Join("; ", followUps)}. " : "") +
                "Start a new chat, or configure a real model, to go further.",
                NoRecordingErrorCode);
        }

        var turn = recording.Turns[conversation.TurnIndex];
        if (conversation.StepIndex >= turn.Steps.Count)
        {
            throw new AppBuilderException(
                $"The replay recording '{recording.Metadata.Title}' has {turn.Steps.Count} step(s) for message " +
                $"{conversation.TurnIndex + 1} and was asked for step {conversation.StepIndex + 1}.",
                NoRecordingErrorCode);
        }

        return (recording, turn.Steps[conversation.StepIndex], conversation.TurnIndex, conversation.StepIndex);
    }

    /// <summary>Splits text into groups of <paramref name="words"/> words, whitespace kept, so the chunks concatenate back exactly.</summary>
    internal static IEnumerable<string> Chunk(string text, int words)
    {
        var tokens = WordRegex().Matches(text).Select(m => m.Value).ToList();
        for (var i = 0; i < tokens.Count; i += words)
        {
            yield return string.Concat(tokens.Skip(i).Take(words));
        }
    }

    internal static FunctionCallContent ToFunctionCall(ReplayToolCall call)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in call.Arguments.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }
        return new FunctionCallContent(call.Id, call.Name, arguments);
    }

    // A word with the whitespace after it; leading whitespace sticks to the first word.
    [GeneratedRegex(@"\s*\S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
