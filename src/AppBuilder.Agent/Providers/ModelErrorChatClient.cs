using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// The innermost layer over a provider SDK's <see cref="IChatClient"/>: turns the SDK's HTTP and connection failures
/// into <see cref="AppBuilderException"/>s that name the fix (see <see cref="ModelErrors"/>), reports AppBuilder's
/// <see cref="ChatClientMetadata"/> for the provider, and owns the HTTP client the SDK sends through.
/// </summary>
/// <remarks>Thread-safe when the inner client is (both SDKs' are).</remarks>
internal sealed class ModelErrorChatClient : DelegatingChatClient
{
    private readonly Func<Exception, AppBuilderException?> _map;
    private readonly ChatClientMetadata _metadata;
    private readonly IDisposable? _owned;

    /// <param name="innerClient">The SDK's client.</param>
    /// <param name="metadata">What <see cref="GetService"/> reports for <see cref="ChatClientMetadata"/>.</param>
    /// <param name="map">Maps an SDK failure to ours; null leaves the exception as it is.</param>
    /// <param name="owned">Disposed with this client (the HTTP client), if any.</param>
    public ModelErrorChatClient(IChatClient innerClient, ChatClientMetadata metadata, Func<Exception, AppBuilderException?> map,
        IDisposable? owned = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(map);
        _metadata = metadata;
        _map = map;
        _owned = owned;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && _map(e) is { } mapped)
        {
            throw mapped;
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
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && _map(e) is { } mapped)
                {
                    throw mapped;
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
