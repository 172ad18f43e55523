namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// One scripted model answer that a fake model server sends back, in the wire format of the API it imitates.
/// </summary>
/// <param name="TextChunks">Text deltas, sent one per chunk/event, in order.</param>
/// <param name="ToolCalls">Tool calls, each with its arguments JSON split into fragments sent one per chunk.</param>
/// <param name="InputTokens">Prompt tokens reported in the usage chunk.</param>
/// <param name="OutputTokens">Completion tokens reported in the usage chunk.</param>
public sealed record FakeModelTurn(
    IReadOnlyList<string> TextChunks,
    IReadOnlyList<FakeToolCall> ToolCalls,
    int InputTokens = 11,
    int OutputTokens = 7)
{
    /// <summary>
    /// When true (OpenAI only), the argument fragments of parallel tool calls are interleaved round-robin across
    /// chunks instead of being sent one call after the other.
    /// </summary>
    public bool InterleaveToolCalls { get; init; }

    /// <summary>Prompt tokens served from the provider's prompt cache (part of <see cref="InputTokens"/>), reported in
    /// the usage chunk (OpenAI: <c>prompt_tokens_details.cached_tokens</c>).</summary>
    public int CachedInputTokens { get; init; }

    /// <summary>The API finish/stop reason to send; null picks the natural one (tool calls or stop).</summary>
    public string? FinishReason { get; init; }

    /// <summary>A text-only answer.</summary>
    public static FakeModelTurn Text(params string[] chunks) => new(chunks, []);

    /// <summary>An answer that calls tools, optionally after some text.</summary>
    public static FakeModelTurn Tools(params FakeToolCall[] calls) => new([], calls);
}
