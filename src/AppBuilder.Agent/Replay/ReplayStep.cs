using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>One model call's answer: streamed text, then the tool calls it requested.</summary>
public sealed class ReplayStep
{
    /// <summary>The text the model wrote, if any.</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; set; }

    /// <summary>The tool calls the model made, in order (empty when it answered with text only).</summary>
    [JsonPropertyName("toolCalls")]
    public List<ReplayToolCall> ToolCalls { get; set; } = [];

    /// <summary>Token usage as the provider reported it; absent in hand-written recordings.</summary>
    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReplayUsage? Usage { get; set; }

    /// <summary>The provider's finish reason (<c>stop</c>, <c>tool_calls</c>, <c>length</c>, …), when recorded.</summary>
    [JsonPropertyName("finishReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FinishReason { get; set; }

    /// <summary>A summary of the request that produced this step, when recorded.</summary>
    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReplayRequestSummary? Request { get; set; }
}
