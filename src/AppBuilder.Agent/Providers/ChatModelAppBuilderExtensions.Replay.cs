using AppBuilder.Agent.Providers;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class ChatModelAppBuilderExtensions
{
    /// <summary>
    /// Registers the replay model (<see cref="ChatClientMetadata.ProviderName"/> <c>replay</c>) at the core of the
    /// <see cref="IChatClient"/> pipeline, and its <see cref="ReplayLibrary"/> so hosts can list the prompts it answers.
    /// It needs no API key: it answers from the recordings shipped with AppBuilder and those in
    /// <see cref="ReplayChatOptions.Directory"/>.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Adjusts the replay options; defaults when null.</param>
    /// <returns>The pipeline's builder, to add middleware such as <c>UseOpenTelemetry()</c>.</returns>
    public static ChatClientBuilder AddReplayChat(this IAppBuilderBuilder builder, Action<ReplayChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddReplayCore(builder.Services, DefaultSectionPath, configure ?? (_ => { }));
    }

    private static ChatClientBuilder AddReplayCore(IServiceCollection services, string path, Action<ReplayChatOptions> configure)
    {
        services.AddOptions<ReplayChatOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplayChatOptions>>(new ReplayChatOptionsValidator(path)));
        services.TryAddSingleton(sp => ReplayLibrary.Load(sp.GetRequiredService<IOptions<ReplayChatOptions>>().Value));
        return ChatModelRegistration.Of(services).UseModel(services, sp =>
        {
            var library = sp.GetRequiredService<ReplayLibrary>();
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(ReplayChatClient).FullName!);
            if (logger is not null)
            {
                ProvidersLog.ReplayLibraryLoaded(logger, library.Recordings.Count,
                    string.Join(", ", library.Recordings.Select(r => r.Metadata.Title)));
            }
            return new ReplayChatClient(library, sp.GetRequiredService<IOptions<ReplayChatOptions>>().Value,
                sp.GetService<TimeProvider>(), logger);
        });
    }
}
