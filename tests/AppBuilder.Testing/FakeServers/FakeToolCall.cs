namespace AppBuilder.Testing.FakeServers;

/// <summary>A scripted tool call whose arguments JSON is streamed in the given fragments.</summary>
/// <param name="Id">The call id (OpenAI <c>call_…</c>, Anthropic <c>toolu_…</c>).</param>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentFragments">Pieces of the arguments JSON; concatenated they must form one JSON object.</param>
public sealed record FakeToolCall(string Id, string Name, IReadOnlyList<string> ArgumentFragments)
{
    /// <summary>The whole arguments JSON.</summary>
    public string ArgumentsJson => string.Concat(ArgumentFragments);
}
