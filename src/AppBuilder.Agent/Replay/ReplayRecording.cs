using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// One replayable conversation in the <c>appbuilder-replay/1</c> format: the prompts it answers and, per user
/// turn, the model's steps (text and tool calls) in order. See <c>docs/replay-format.md</c>.
/// </summary>
/// <remarks>
/// <code language="json">
/// {
///   "format": "appbuilder-replay/1",
///   "metadata": { "title": "…", "description": "…", "source": "hand-written" | "recorded", "model": "…", "note": "…" },
///   "prompts": [ "build me a todo app", "todo app" ],
///   "turns": [ { "user": "build me a todo app",
///                "steps": [ { "text": "…", "toolCalls": [ { "id": "…", "name": "write", "arguments": { … } } ],
///                             "usage": { "inputTokens": 1, "outputTokens": 2, "totalTokens": 3 } } ] } ]
/// }
/// </code>
/// The first user message of a conversation picks the recording (by <see cref="Prompts"/>), the number of user
/// messages picks the turn and the number of assistant messages since the last user message picks the step.
/// </remarks>
public sealed class ReplayRecording
{
    /// <summary>The format marker every file carries.</summary>
    public const string FormatName = "appbuilder-replay/1";

    /// <summary>Always <see cref="FormatName"/>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = FormatName;

    /// <summary>What the recording is and where it came from.</summary>
    [JsonPropertyName("metadata")]
    public ReplayMetadata Metadata { get; set; } = new();

    /// <summary>The first prompts this recording answers: the main one first, then aliases.</summary>
    [JsonPropertyName("prompts")]
    public List<string> Prompts { get; set; } = [];

    /// <summary>The user turns, in order.</summary>
    [JsonPropertyName("turns")]
    public List<ReplayTurn> Turns { get; set; } = [];

    /// <summary>The recording's id: its file name without <c>.json</c> (not serialised).</summary>
    [JsonIgnore]
    public string Id { get; set; } = "";
}
