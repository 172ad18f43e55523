using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Creates AppBuilder's model clients without dependency injection (DI users call <c>AddOpenAIChat</c>,
/// <c>AddAnthropicChat</c> or <c>AddChatModel</c> instead). Every client sends through an HTTP handler that retries
/// 429/5xx honouring <c>Retry-After</c>; the SDKs' own retries are off so nothing retries twice.
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
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("AppBuilder.Agent.Providers.OpenAI");
        var http = ModelHttpClient.Create(OpenAIChatClient.ProviderName, options.Retry, timeProvider ?? TimeProvider.System, logger);
        ProvidersLog.ChatModelCreated(logger, OpenAIChatClient.ProviderName, options.ModelId,
            options.Endpoint?.ToString() ?? "https://api.openai.com/v1");
        return new OpenAIChatClient(options, http);
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
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("AppBuilder.Agent.Providers.Anthropic");
        var http = ModelHttpClient.Create(AnthropicChatClient.ProviderName, options.Retry, timeProvider ?? TimeProvider.System, logger);

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

        var endpoint = options.Endpoint ?? new Uri("https://api.anthropic.com");
        ProvidersLog.ChatModelCreated(logger, AnthropicChatClient.ProviderName, options.ModelId, endpoint.ToString());
        var inner = new AnthropicClient(clientOptions).AsIChatClient(options.ModelId, options.MaxTokens);
        return new AnthropicChatClient(inner, new ChatClientMetadata(AnthropicChatClient.ProviderName, endpoint, options.ModelId), http);
    }
}
