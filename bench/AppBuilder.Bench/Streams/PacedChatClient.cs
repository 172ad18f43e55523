using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AppBuilder.Bench.Streams;

/// <summary>
/// Paces a model's streamed updates like the replay model does: a delay before every update but the first
/// (<c>ReplayChatOptions.ChunkDelay</c>, 20 ms by default), so that a bench streams at a model's pace instead of in
/// one burst.
/// </summary>
internal sealed class PacedChatClient(IChatClient inner, TimeSpan delay) : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = true;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (!first)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            first = false;
            yield return update;
        }
    }
}
