using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// Options of the replay model (configuration section <c>AppBuilder:Model</c> with <c>Provider = replay</c>, the
/// default): it answers from recorded or hand-written transcripts instead of calling a model, so AppBuilder runs
/// with no API key.
/// </summary>
public sealed class ReplayChatOptions
{
    /// <summary>A folder of extra <c>*.json</c> recordings to load besides the built-in ones (config key <c>ReplayDirectory</c>).</summary>
    public string? Directory { get; set; }

    /// <summary>Whether the recordings shipped inside AppBuilder.Agent are available. Default true.</summary>
    public bool IncludeBuiltIn { get; set; } = true;

    /// <summary>How many words each streamed text chunk carries. Default 3.</summary>
    [Range(1, 1000)]
    public int WordsPerChunk { get; set; } = 3;

    /// <summary>The pause between streamed text chunks, so a UI shows the text arriving. Default 20 ms; zero for none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(20);
}
