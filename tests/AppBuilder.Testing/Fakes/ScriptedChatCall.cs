using Microsoft.Extensions.AI;

namespace AppBuilder.Testing;

/// <summary>One call a <see cref="ScriptedChatClient"/> received.</summary>
/// <param name="Messages">The messages sent (a copy of the list; the messages themselves are the caller's).</param>
/// <param name="Options">The options sent.</param>
/// <param name="Streaming">Whether the call was <c>GetStreamingResponseAsync</c>.</param>
public sealed record ScriptedChatCall(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming)
{
    /// <summary>The names of the tools offered in the call.</summary>
    public IReadOnlyList<string> ToolNames => Options?.Tools?.Select(t => t.Name).ToList() ?? [];
}
