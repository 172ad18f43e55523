using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>Describes a <see cref="ReplayRecording"/>.</summary>
public sealed class ReplayMetadata
{
    /// <summary><see cref="Source"/> of a transcript written by hand.</summary>
    public const string HandWritten = "hand-written";

    /// <summary><see cref="Source"/> of a transcript recorded from a real model by <see cref="RecordingChatClient"/>.</summary>
    public const string Recorded = "recorded";

    /// <summary>A short title, such as "Todo app".</summary>
    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    /// <summary>What the recorded conversation builds.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary><see cref="HandWritten"/> or <see cref="Recorded"/>.</summary>
    [JsonPropertyName("source")]
    public string Source { get; set; } = HandWritten;

    /// <summary>The model that produced the answers, when recorded.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Anything a reader should know, said plainly.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; set; }
}
