using AppBuilder.Agent.Providers;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers AppBuilder's chat model — the OpenAI-compatible client, the Anthropic client or the replay model — at
/// the core of one <see cref="IChatClient"/> pipeline, registered with <c>AddChatClient</c>; each verb hands back that
/// pipeline's <see cref="ChatClientBuilder"/> so a host chains <c>UseOpenTelemetry()</c>, <c>UseLogging()</c>,
/// <c>UseDistributedCache()</c>, <see cref="RecordingChatClientBuilderExtensions.UseRecording"/> or its own middleware.
/// </summary>
/// <remarks>
/// <para>There is one pipeline: the model verb called last chooses the model at its core, and middleware added
/// through any verb or <see cref="ConfigureChatClient"/> stays. So
/// <c>services.AddAppBuilder(configuration)</c> (the configured default) followed by <c>.AddOpenAIChat(...)</c> swaps
/// the model and keeps the middleware. Calling a verb twice is harmless (its option callbacks add up). Options are
/// validated when the host starts.</para>
/// <para>The agent runs tool calls itself (with approvals, in the sandbox): do not add <c>UseFunctionInvocation()</c>;
/// the agent refuses to start on a pipeline that contains a <see cref="FunctionInvokingChatClient"/>.</para>
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
    /// <c>MaxDelay</c>), <c>RecordTo</c> (a folder: adds the <see cref="RecordingChatClient"/> layer with
    /// <see cref="RecordingChatClientBuilderExtensions.UseRecording"/>) and <c>ReplayDirectory</c> (extra recordings
    /// for the replay model).
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="modelSection">The model configuration section.</param>
    /// <returns>The pipeline's builder, to add middleware such as <c>UseOpenTelemetry()</c>.</returns>
    public static ChatClientBuilder AddChatModel(this IAppBuilderBuilder builder, IConfiguration modelSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modelSection);
        var services = builder.Services;
        var path = modelSection is IConfigurationSection { Path.Length: > 0 } section ? section.Path : DefaultSectionPath;
        var provider = modelSection["Provider"]?.Trim();

        var chat = provider?.ToLowerInvariant() switch
        {
            null or "" or ReplayChatClientMetadata.Replay => AddReplayCore(services, path, options =>
            {
                modelSection.Bind(options);
                options.Directory = modelSection["ReplayDirectory"] ?? options.Directory;
            }),
            ChatModelProviders.OpenAI => AddOpenAICore(services, path, options =>
            {
                modelSection.Bind(options);
                options.ApiKey = NullIfEmpty(options.ApiKey);
            }),
            ChatModelProviders.Anthropic => AddAnthropicCore(services, path, options =>
            {
                modelSection.Bind(options);
                options.ApiKey = NullIfEmpty(options.ApiKey);
            }),
            _ => AddUnknownProvider(services,
                $"{path}:Provider '{provider}' is not supported; use replay, openai (also for Ollama, vLLM, LM Studio, " +
                "OpenRouter and other OpenAI-compatible servers) or anthropic."),
        };

        var recordTo = modelSection["RecordTo"];
        if (!string.IsNullOrWhiteSpace(recordTo) && ChatModelRegistration.Of(services).RecordingDirectories.Add(recordTo))
        {
            chat.UseRecording(recordTo);
        }

        return chat;
    }

    /// <summary>
    /// Adds middleware to the chat model's pipeline, for instance when <c>AddAppBuilder(configuration)</c> registered
    /// the configured model: <c>.ConfigureChatClient(chat =&gt; chat.UseOpenTelemetry().UseLogging())</c>. Runs now when
    /// a model is registered, else as soon as one is. The first middleware added is the outermost.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Adds middleware to the pipeline's <see cref="ChatClientBuilder"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder ConfigureChatClient(this IAppBuilderBuilder builder, Action<ChatClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        ChatModelRegistration.Of(builder.Services).Configure(configure);
        return builder;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ChatClientBuilder AddUnknownProvider(IServiceCollection services, string message)
    {
        services.AddOptions<UnknownChatModelProvider>().Validate(_ => false, message).ValidateOnStart();
        return ChatModelRegistration.Of(services).UseModel(services, sp =>
        {
            _ = sp.GetRequiredService<IOptions<UnknownChatModelProvider>>().Value; // throws the validation message
            throw new InvalidOperationException(message);
        });
    }

    /// <summary>Carries the start-time failure of an unknown <c>Provider</c> value.</summary>
    private sealed class UnknownChatModelProvider;
}
