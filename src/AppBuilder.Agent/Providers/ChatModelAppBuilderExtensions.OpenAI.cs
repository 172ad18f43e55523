using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the OpenAI-compatible model's HTTP client.</summary>
    public const string OpenAIHttpClientName = "AppBuilder.Model.OpenAI";

    /// <summary>
    /// Registers the OpenAI-compatible chat client (<see cref="ChatClientMetadata.ProviderName"/> <c>openai</c>) at the
    /// core of the <see cref="IChatClient"/> pipeline: the OpenAI SDK's own client (<c>AsIChatClient()</c>) for OpenAI
    /// itself, or Ollama, vLLM, LM Studio, OpenRouter and other compatible servers through
    /// <see cref="OpenAIChatOptions.Endpoint"/>. When no key is configured and the endpoint is OpenAI's own, the key
    /// comes from <c>OPENAI_API_KEY</c>. Requests go through the <see cref="OpenAIHttpClientName"/> HTTP client, which
    /// retries as <see cref="OpenAIChatOptions.Retry"/> says.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the model, endpoint, key and retry options.</param>
    /// <returns>The pipeline's builder, to add middleware such as <c>UseOpenTelemetry()</c>.</returns>
    public static ChatClientBuilder AddOpenAIChat(this IAppBuilderBuilder builder, Action<OpenAIChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return AddOpenAICore(builder.Services, DefaultSectionPath, configure);
    }

    private static ChatClientBuilder AddOpenAICore(IServiceCollection services, string path, Action<OpenAIChatOptions> configure)
    {
        services.AddOptions<OpenAIChatOptions>()
            .Configure(configure)
            .PostConfigure(options =>
            {
                // A key from the environment goes only to OpenAI's own endpoint, never to a server named in configuration.
                if (string.IsNullOrWhiteSpace(options.ApiKey) && options.Endpoint is null)
                {
                    options.ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIChatOptions>>(new OpenAIChatOptionsValidator(path)));

        var registration = ChatModelRegistration.Of(services);
        if (registration.HttpClients.Add(OpenAIHttpClientName))
        {
            ModelHttpClient.AddNamed(services, OpenAIHttpClientName, ChatModelProviders.OpenAI,
                sp => sp.GetRequiredService<IOptions<OpenAIChatOptions>>().Value.Retry);
        }

        return registration.UseModel(services, sp => ChatModelFactory.CreateOpenAI(
            sp.GetRequiredService<IOptions<OpenAIChatOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIHttpClientName),
            ownsHttpClient: true,
            ChatModelFactory.CreateLogger(sp.GetService<ILoggerFactory>(), ChatModelProviders.OpenAI)));
    }
}
