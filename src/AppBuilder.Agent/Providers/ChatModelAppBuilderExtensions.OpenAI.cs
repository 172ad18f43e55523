using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>
    /// Registers the OpenAI-compatible chat client (<see cref="ChatClientMetadata.ProviderName"/> <c>openai</c>) as the
    /// <see cref="IChatClient"/>: OpenAI itself, or Ollama, vLLM, LM Studio, OpenRouter and other compatible servers
    /// through <see cref="OpenAIChatOptions.Endpoint"/>. When no key is configured and the endpoint is OpenAI's own,
    /// the key comes from <c>OPENAI_API_KEY</c>.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the model, endpoint, key and retry options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddOpenAIChat(this IAppBuilderBuilder builder, Action<OpenAIChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddOpenAICore(builder.Services, DefaultSectionPath, null, configure);
        return builder;
    }

    private static void AddOpenAICore(IServiceCollection services, string path, string? recordTo, Action<OpenAIChatOptions> configure)
    {
        services.AddOptions<OpenAIChatOptions>()
            .Configure(configure)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey) && options.Endpoint is null)
                {
                    options.ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIChatOptions>>(new OpenAIChatOptionsValidator(path)));
        RegisterChatClient(services, recordTo, sp => ChatModelFactory.CreateOpenAI(
            sp.GetRequiredService<IOptions<OpenAIChatOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
    }
}
