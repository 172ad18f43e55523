using AppBuilder.Agent.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="RecordingChatClient"/> to a chat client pipeline.</summary>
public static class RecordingChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a layer that records every conversation passing through it into an <c>appbuilder-replay/1</c> file in
    /// <paramref name="directory"/>, for the replay model to play back. The clock and logger come from the
    /// pipeline's services. Where it sits matters: added first, it records what the caller sent and received.
    /// </summary>
    /// <param name="builder">The pipeline's builder.</param>
    /// <param name="directory">The folder recordings are written to; created when missing.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ChatClientBuilder UseRecording(this ChatClientBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return builder.Use((inner, services) => new RecordingChatClient(inner, directory,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(RecordingChatClient))));
    }
}
