using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK's Chat Completions client, for OpenAI and every
/// OpenAI-compatible server. Streams text as it arrives and emits each tool call once, whole, when the model
/// finishes.
/// </summary>
/// <remarks>Thread-safe: one instance serves concurrent calls.</remarks>
internal sealed class OpenAIChatClient : IChatClient
{
    internal const string ProviderName = "openai";

    private static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private readonly OpenAIClient _client;
    private readonly OpenAIChatOptions _options;
    private readonly HttpClient _httpClient;
    private readonly ChatClientMetadata _metadata;
    private readonly ConcurrentDictionary<string, ChatClient> _chatClients = new(StringComparer.Ordinal);

    public OpenAIChatClient(OpenAIChatOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options.ModelId));
        _options = options;
        _httpClient = httpClient;

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint ?? DefaultEndpoint,
            OrganizationId = options.OrganizationId,
            Transport = new HttpClientPipelineTransport(httpClient),
            // Our HTTP handler retries (with Retry-After); the SDK's own retry policy would retry on top of it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
#pragma warning disable OPENAI001 // The AuthenticationPolicy constructor is marked for evaluation; it is the way to send no key.
        _client = string.IsNullOrEmpty(options.ApiKey)
            ? new OpenAIClient(new NoAuthenticationPolicy(), clientOptions)
            : new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);
#pragma warning restore OPENAI001
        _metadata = new ChatClientMetadata(ProviderName, clientOptions.Endpoint, options.ModelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = OpenAIRequestMapper.ToOpenAIMessages(messages, options);
        var completionOptions = OpenAIRequestMapper.ToCompletionOptions(options, _options);

        ChatCompletion completion;
        try
        {
            completion = (await GetChatClient(options).CompleteChatAsync(request, completionOptions, cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (ClientResultException ex) when (ex.Status != 0)
        {
            throw ToAppBuilderException(ex);
        }

        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }
        foreach (var call in completion.ToolCalls)
        {
            contents.Add(OpenAIToolCallAssembler.ToContent(call.Id, call.FunctionName, call.FunctionArguments.ToString()));
        }

        return new ChatResponse(new AIChatMessage(AIChatRole.Assistant, contents) { MessageId = completion.Id })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = OpenAIResponseMapper.MapFinishReason(completion.FinishReason),
            Usage = OpenAIResponseMapper.MapUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = OpenAIRequestMapper.ToOpenAIMessages(messages, options);
        var completionOptions = OpenAIRequestMapper.ToCompletionOptions(options, _options);
        var toolCalls = new OpenAIToolCallAssembler();
        string? lastId = null;
        string? lastModel = null;

        var stream = GetChatClient(options).CompleteChatStreamingAsync(request, completionOptions, cancellationToken);
        var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                StreamingChatCompletionUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                    update = enumerator.Current;
                }
                catch (ClientResultException ex) when (ex.Status != 0)
                {
                    throw ToAppBuilderException(ex);
                }

                lastId = update.CompletionId ?? lastId;
                lastModel = update.Model ?? lastModel;
                if (OpenAIResponseMapper.ToUpdate(update, toolCalls) is { } converted)
                {
                    yield return converted;
                }
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        if (toolCalls.HasPending)
        {
            // The stream ended without a finish reason (some compatible servers do this): hand over what arrived.
            yield return new ChatResponseUpdate(AIChatRole.Assistant, [.. toolCalls.Complete()])
            {
                ResponseId = lastId,
                MessageId = lastId,
                ModelId = lastModel,
                FinishReason = AIFinishReason.ToolCalls,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }
        if (serviceType == typeof(OpenAIClient))
        {
            return _client;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _httpClient.Dispose();

    private ChatClient GetChatClient(ChatOptions? options)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? _options.ModelId! : options.ModelId;
        return _chatClients.GetOrAdd(model, static (m, client) => client.GetChatClient(m), _client);
    }

    private static AppBuilderException ToAppBuilderException(ClientResultException ex)
    {
        string? body = null;
        try
        {
            body = ex.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // A streamed error body that was not buffered: the status code still tells the story.
        }
        return ModelErrors.FromStatus(ProviderName, ex.Status, body, ex);
    }

    /// <summary>Sends no credential, for local OpenAI-compatible servers that need none.</summary>
    private sealed class NoAuthenticationPolicy : AuthenticationPolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }
}
