using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace AppBuilder.Storage.Internal;

/// <summary>How the project stores write a <see cref="ChatMessage"/>: <c>AIJsonUtilities.DefaultOptions</c>, which knows
/// every <see cref="AIContent"/> type (function calls and results, usage, data, …), on a single line.</summary>
internal static class ChatMessageJson
{
    /// <summary>The serializer options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The type info of <see cref="ChatMessage"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<ChatMessage> TypeInfo { get; } = (JsonTypeInfo<ChatMessage>)Options.GetTypeInfo(typeof(ChatMessage));

    /// <summary>Checks a batch passed to a store: not null, no null message.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentException">A message is null.</exception>
    public static void ValidateBatch(IReadOnlyList<ChatMessage> messages, string paramName)
    {
        ArgumentNullException.ThrowIfNull(messages, paramName);
        foreach (var message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException("The list of messages contains null.", paramName);
            }
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }
}
