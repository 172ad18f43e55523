using AppBuilder.Agent.Providers;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers AppBuilder's chat model: the OpenAI-compatible client, the Anthropic client or the replay model, each
/// as the <see cref="IChatClient"/> singleton.
/// </summary>
/// <remarks>
/// The last model verb wins: each replaces an <see cref="IChatClient"/> registered before it, so
/// <c>services.AddAppBuilder(configuration).AddOpenAIChat(...)</c> overrides the configured default. Calling a verb
/// twice is harmless (its option callbacks add up). Options are validated when the host starts.
/// </remarks>
public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>The default configuration path of the model section.</summary>
    public const string DefaultSectionPath = "AppBuilder:Model";

    /// <summary>
    /// Registers the model described by a configuration section (normally <c>AppBuilder:Model</c>):
    /// <c>Provider</c> (<c>replay</c> — the default when unset —, <c>openai</c> or <c>anthropic</c>), <c>Endpoint</c>,
    /// <c>ApiKey</c> (when unset, from <c>OPENAI_API_KEY</c> / <c>ANTHROPIC_API_KEY</c>, but only for the provider's
    /// own endpoint so a key is never sent to another server), <c>ModelId</c>, <c>MaxTokens</c>,
    /// <c>MaxOutputTokens</c>, <c>Timeout</c>, <c>Retry</c> (<c>MaxRetryAttempts</c>, <c>BaseDelay</c>,
    /// <c>MaxDelay</c>), <c>RecordTo</c> (a folder: wrap the client in <see cref="RecordingChatClient"/>) and
    /// <c>ReplayDirectory</c> (extra recordings for the replay model).
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="modelSection">The model configuration section.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddChatModel(this IAppBuilderBuilder builder, IConfiguration modelSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modelSection);
        var path = modelSection is IConfigurationSection { Path.Length: > 0 } section ? section.Path : DefaultSectionPath;
        var provider = modelSection["Provider"]?.Trim();
        var recordTo = modelSection["RecordTo"];

        switch (provider?.ToLowerInvariant())
        {
            case null or "" or ReplayChatClientMetadata.Replay:
                AddReplayCore(builder.Services, path, recordTo, options =>
                {
                    modelSection.Bind(options);
                    options.Directory = modelSection["ReplayDirectory"] ?? options.Directory;
                });
                break;
            case OpenAIChatClient.ProviderName:
                AddOpenAICore(builder.Services, path, recordTo, options =>
                {
                    modelSection.Bind(options);
                    options.ApiKey = NullIfEmpty(options.ApiKey);
                });
                break;
            case AnthropicChatClient.ProviderName:
                AddAnthropicCore(builder.Services, path, recordTo, options =>
                {
                    modelSection.Bind(options);
                    options.ApiKey = NullIfEmpty(options.ApiKey);
                });
                break;
            default:
                AddUnknownProvider(builder.Services,
                    $"{path}:Provider '{provider}' is not supported; use replay, openai (also for Ollama, vLLM, LM Studio, " +
                    "OpenRouter and other OpenAI-compatible servers) or anthropic.");
                break;
        }

        return builder;
    }

    private static void RegisterChatClient(IServiceCollection services, string? recordTo,
        Func<IServiceProvider, IChatClient> create)
    {
        services.RemoveAll<IChatClient>();
        services.AddSingleton(sp =>
        {
            var client = create(sp);
            if (string.IsNullOrWhiteSpace(recordTo))
            {
                return client;
            }

            var loggerFactory = sp.GetService<ILoggerFactory>();
            return new RecordingChatClient(client, recordTo, sp.GetService<TimeProvider>(),
                loggerFactory?.CreateLogger(typeof(RecordingChatClient)));
        });
    }

    private static ILogger? CreateLogger(IServiceProvider services, string category) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(category);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void AddUnknownProvider(IServiceCollection services, string message)
    {
        services.AddOptions<UnknownChatModelProvider>().Validate(_ => false, message).ValidateOnStart();
        RegisterChatClient(services, null, sp =>
        {
            _ = sp.GetRequiredService<IOptions<UnknownChatModelProvider>>().Value; // throws the validation message
            throw new InvalidOperationException(message);
        });
    }

    /// <summary>Carries the start-time failure of an unknown <c>Provider</c> value.</summary>
    private sealed class UnknownChatModelProvider;
}
