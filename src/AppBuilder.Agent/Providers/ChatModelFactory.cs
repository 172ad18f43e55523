using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Creates AppBuilder's model clients without dependency injection (DI users call <c>AddOpenAIChat</c>,
/// <c>AddAnthropicChat</c> or <c>AddChatModel</c> instead). Each is the provider SDK's own <see cref="IChatClient"/>
/// (<c>AsIChatClient()</c>) under a layer that turns HTTP failures into <see cref="AppBuilderException"/>s; every
/// request goes through an HTTP handler that retries 429/5xx honouring <c>Retry-After</c>, and the SDKs' own retries
/// are off so nothing retries twice.
/// </summary>
public static class ChatModelFactory
{
    /// <summary>Creates the OpenAI-compatible chat client (metadata provider name <c>openai</c>).</summary>
    /// <param name="options">Endpoint, key, model and retry settings. <see cref="OpenAIChatOptions.ModelId"/> is required.</param>
    /// <param name="timeProvider">The clock retries wait on; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Where retries are logged; nowhere when null.</param>
    /// <returns>A thread-safe client; dispose it to release its HTTP connections.</returns>
    public static IChatClient CreateOpenAI(OpenAIChatOptions options, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options.ModelId));
        var logger = CreateLogger(loggerFactory, ChatModelProviders.OpenAI);
        var http = ModelHttpClient.Create(ChatModelProviders.OpenAI, options.Retry, timeProvider ?? TimeProvider.System, logger);
        return CreateOpenAI(options, http, ownsHttpClient: true, logger);
    }

    /// <summary>Creates the Anthropic chat client (metadata provider name <c>anthropic</c>) on the official SDK.</summary>
    /// <param name="options">Endpoint, key, model, token limit and retry settings. <see cref="AnthropicChatOptions.ModelId"/> is required.</param>
    /// <param name="timeProvider">The clock retries wait on; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Where retries are logged; nowhere when null.</param>
    /// <returns>A thread-safe client; dispose it to release its HTTP connections.</returns>
    public static IChatClient CreateAnthropic(AnthropicChatOptions options, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options.ModelId));
        var logger = CreateLogger(loggerFactory, ChatModelProviders.Anthropic);
        var http = ModelHttpClient.Create(ChatModelProviders.Anthropic, options.Retry, timeProvider ?? TimeProvider.System, logger);
        return CreateAnthropic(options, http, ownsHttpClient: true, logger);
    }

    /// <summary>The OpenAI SDK's chat client (<c>AsIChatClient()</c>) sending through <paramref name="http"/>.</summary>
    internal static IChatClient CreateOpenAI(OpenAIChatOptions options, HttpClient http, bool ownsHttpClient, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options.ModelId));
        var endpoint = options.Endpoint ?? ChatModelProviders.OpenAIEndpoint;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            OrganizationId = options.OrganizationId,
            Transport = new HttpClientPipelineTransport(http),
            // Our HTTP handler retries (with Retry-After); the SDK's own retry policy would retry on top of it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
#pragma warning disable OPENAI001 // The AuthenticationPolicy constructor is marked for evaluation; it is the way to send no key.
        var client = string.IsNullOrEmpty(options.ApiKey)
            ? new OpenAIClient(new NoAuthenticationPolicy(), clientOptions)
            : new OpenAIClient(new ApiKeyCredential(options.ApiKey), clientOptions);
#pragma warning restore OPENAI001
        ProvidersLog.ChatModelCreated(logger, ChatModelProviders.OpenAI, options.ModelId, endpoint.ToString());

        var apiKey = options.ApiKey;
        var maxOutputTokens = options.MaxOutputTokens;
        var builder = new ChatClientBuilder(client.GetChatClient(options.ModelId).AsIChatClient())
            .Use(inner => new ModelErrorChatClient(inner, new ChatClientMetadata(ChatModelProviders.OpenAI, endpoint, options.ModelId),
                e => ModelErrors.FromOpenAI(e, apiKey), ownsHttpClient ? http : null));
        if (maxOutputTokens is not null)
        {
            builder.ConfigureOptions(o => o.MaxOutputTokens ??= maxOutputTokens);
        }

        return builder.Build();
    }

    /// <summary>The Anthropic SDK's chat client (<c>AsIChatClient()</c>) sending through <paramref name="http"/>.</summary>
    internal static IChatClient CreateAnthropic(AnthropicChatOptions options, HttpClient http, bool ownsHttpClient, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options.ModelId));
        var clientOptions = new ClientOptions
        {
            ApiKey = options.ApiKey,
            HttpClient = http,
            MaxRetries = 0,
            Timeout = options.Timeout,
        };
        if (options.Endpoint is not null)
        {
            clientOptions.BaseUrl = options.Endpoint.ToString().TrimEnd('/');
        }

        var endpoint = options.Endpoint ?? ChatModelProviders.AnthropicEndpoint;
        ProvidersLog.ChatModelCreated(logger, ChatModelProviders.Anthropic, options.ModelId, endpoint.ToString());
        var apiKey = options.ApiKey;
        var inner = new AnthropicClient(clientOptions).AsIChatClient(options.ModelId, options.MaxTokens);
        return new ModelErrorChatClient(inner, new ChatClientMetadata(ChatModelProviders.Anthropic, endpoint, options.ModelId),
            e => ModelErrors.FromAnthropic(e, apiKey), ownsHttpClient ? http : null);
    }

    internal static ILogger CreateLogger(ILoggerFactory? loggerFactory, string provider) =>
        (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(provider == ChatModelProviders.OpenAI
            ? "AppBuilder.Agent.Providers.OpenAI"
            : "AppBuilder.Agent.Providers.Anthropic");
}
