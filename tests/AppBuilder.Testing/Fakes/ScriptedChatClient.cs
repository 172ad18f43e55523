using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing;

/// <summary>
/// An <see cref="IChatClient"/> that answers each call with the next <see cref="ScriptedResponse"/> and records what
/// it was sent. With no response left it throws <see cref="InvalidOperationException"/>, unless
/// <see cref="WhenEmpty"/> supplies one.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<ScriptedResponse> _responses = new();
    private readonly ConcurrentQueue<ScriptedChatCall> _calls = new();
    private int _messageCounter;

    /// <summary>Creates a client that answers with <paramref name="responses"/>, in order.</summary>
    public ScriptedChatClient(params ScriptedResponse[] responses) => Enqueue(responses);

    /// <summary>Answers calls made when the queue is empty; <see langword="null"/> makes them throw.</summary>
    public Func<ScriptedChatCall, ScriptedResponse>? WhenEmpty { get; set; }

    /// <summary>The metadata returned for <see cref="ChatClientMetadata"/> (provider name <c>scripted</c>).</summary>
    public ChatClientMetadata Metadata { get; set; } = new("scripted", null, "scripted-model");

    /// <summary>Whether each update is delivered after an asynchronous yield, as a network stream would be. Default true;
    /// benchmarks turn it off to measure only the consumer.</summary>
    public bool YieldBetweenUpdates { get; set; } = true;

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<ScriptedChatCall> Calls => [.. _calls];

    /// <summary>Responses not used yet.</summary>
    public int Remaining => _responses.Count;

    /// <summary>Adds responses to the end of the queue.</summary>
    public ScriptedChatClient Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _responses.Enqueue(response);
        }

        return this;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in StreamAsync(messages, options, streaming: false, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StreamAsync(messages, options, streaming: true, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options,
        bool streaming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var call = new ScriptedChatCall([.. messages], options, streaming);
        _calls.Enqueue(call);
        var response = _responses.TryDequeue(out var next)
            ? next
            : WhenEmpty?.Invoke(call)
              ?? throw new InvalidOperationException($"ScriptedChatClient has no response left for call {_calls.Count}.");
        if (response.FailureOnCall is { } failure)
        {
            throw failure;
        }

        var messageId = "msg_" + Interlocked.Increment(ref _messageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var step in response.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = await step(cancellationToken).ConfigureAwait(false);
            if (update is null)
            {
                continue;
            }

            update.MessageId = messageId;
            update.ResponseId = messageId;
            update.ModelId = response.Model;
            if (YieldBetweenUpdates)
            {
                await Task.Yield();
            }

            yield return update;
        }
    }
}
