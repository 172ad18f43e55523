using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the Anthropic model's HTTP client.</summary>
    public const string AnthropicHttpClientName = "AppBuilder.Model.Anthropic";

    /// <summary>
    /// Registers the Anthropic chat client (<see cref="ChatClientMetadata.ProviderName"/> <c>anthropic</c>) on the
    /// official Anthropic SDK (<c>AsIChatClient()</c>) at the core of the <see cref="IChatClient"/> pipeline. When no
    /// key is configured and the endpoint is Anthropic's own, the key comes from <c>ANTHROPIC_API_KEY</c>. Requests go
    /// through the <see cref="AnthropicHttpClientName"/> HTTP client, which retries as
    /// <see cref="AnthropicChatOptions.Retry"/> says.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the model, endpoint, key, token limit and retry options.</param>
    /// <returns>The pipeline's builder, to add middleware such as <c>UseOpenTelemetry()</c>.</returns>
    public static ChatClientBuilder AddAnthropicChat(this IAppBuilderBuilder builder, Action<AnthropicChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return AddAnthropicCore(builder.Services, DefaultSectionPath, configure);
    }

    private static ChatClientBuilder AddAnthropicCore(IServiceCollection services, string path, Action<AnthropicChatOptions> configure)
    {
        services.AddOptions<AnthropicChatOptions>()
            .Configure(configure)
            .PostConfigure(options =>
            {
                // A key from the environment goes only to Anthropic's own endpoint, never to a server named in configuration.
                if (string.IsNullOrWhiteSpace(options.ApiKey) && options.Endpoint is null)
                {
                    options.ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnthropicChatOptions>>(new AnthropicChatOptionsValidator(path)));

        var registration = ChatModelRegistration.Of(services);
        if (registration.HttpClients.Add(AnthropicHttpClientName))
        {
            ModelHttpClient.AddNamed(services, AnthropicHttpClientName, ChatModelProviders.Anthropic,
                sp => sp.GetRequiredService<IOptions<AnthropicChatOptions>>().Value.Retry);
        }

        return registration.UseModel(services, sp => ChatModelFactory.CreateAnthropic(
            sp.GetRequiredService<IOptions<AnthropicChatOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AnthropicHttpClientName),
            ownsHttpClient: true,
            ChatModelFactory.CreateLogger(sp.GetService<ILoggerFactory>(), ChatModelProviders.Anthropic)));
    }
}
