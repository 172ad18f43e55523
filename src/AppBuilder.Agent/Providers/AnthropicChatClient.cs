using System.Runtime.CompilerServices;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Wraps the Anthropic SDK's own <see cref="IChatClient"/> (<c>AsIChatClient</c>): reports provider "anthropic" in its
/// metadata, turns the SDK's HTTP errors into <see cref="AppBuilderException"/>s that name the fix, and owns the
/// HTTP client it sends through.
/// </summary>
/// <remarks>Thread-safe when the inner client is (the SDK's is).</remarks>
internal sealed class AnthropicChatClient : DelegatingChatClient
{
    internal const string ProviderName = "anthropic";

    private readonly ChatClientMetadata _metadata;
    private readonly IDisposable? _owned;

    public AnthropicChatClient(IChatClient innerClient, ChatClientMetadata metadata, IDisposable? owned = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        _owned = owned;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (AnthropicApiException ex)
        {
            throw ModelErrors.FromStatus(ProviderName, (int)ex.StatusCode, ex.ResponseBody, ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (AnthropicApiException ex)
                {
                    throw ModelErrors.FromStatus(ProviderName, (int)ex.StatusCode, ex.ResponseBody, ex);
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata)
            ? _metadata
            : base.GetService(serviceType, serviceKey);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned?.Dispose();
        }
        base.Dispose(disposing);
    }
}
