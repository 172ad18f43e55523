using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>
    /// Registers the Anthropic chat client (<see cref="ChatClientMetadata.ProviderName"/> <c>anthropic</c>) on the
    /// official Anthropic SDK as the <see cref="IChatClient"/>. When no key is configured and the endpoint is
    /// Anthropic's own, the key comes from <c>ANTHROPIC_API_KEY</c>.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets the model, endpoint, key, token limit and retry options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddAnthropicChat(this IAppBuilderBuilder builder, Action<AnthropicChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddAnthropicCore(builder.Services, DefaultSectionPath, null, configure);
        return builder;
    }

    private static void AddAnthropicCore(IServiceCollection services, string path, string? recordTo,
        Action<AnthropicChatOptions> configure)
    {
        services.AddOptions<AnthropicChatOptions>()
            .Configure(configure)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey) && options.Endpoint is null)
                {
                    options.ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnthropicChatOptions>>(new AnthropicChatOptionsValidator(path)));
        RegisterChatClient(services, recordTo, sp => ChatModelFactory.CreateAnthropic(
            sp.GetRequiredService<IOptions<AnthropicChatOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
    }
}
