using System.Text.Encodings.Web;
using System.Text.Json;

namespace AppBuilder.Agent.Replay;

/// <summary>Reads, checks and writes <c>appbuilder-replay/1</c> files.</summary>
internal static class ReplayFormat
{
    /// <summary>The error code of a recording file that cannot be used.</summary>
    public const string InvalidRecordingCode = "invalid_recording";

    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        WriteIndented = true,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Recordings hold source code: keep <, >, & and quotes readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ReplayRecording Read(Stream stream, string id)
    {
        ReplayRecording? recording;
        try
        {
            recording = JsonSerializer.Deserialize<ReplayRecording>(stream, SerializerOptions);
        }
        catch (JsonException ex)
        {
            throw Invalid(id, $"it is not valid JSON ({ex.Message})", ex);
        }

        if (recording is null)
        {
            throw Invalid(id, "it is empty");
        }

        recording.Id = id;
        Validate(recording);
        return recording;
    }

    public static void Write(Stream stream, ReplayRecording recording) =>
        JsonSerializer.Serialize(stream, recording, SerializerOptions);

    /// <summary>Checks everything replay relies on; throws <see cref="AppBuilderException"/> naming the problem.</summary>
    public static void Validate(ReplayRecording recording)
    {
        var id = recording.Id;
        if (recording.Format != ReplayRecording.FormatName)
        {
            throw Invalid(id, $"its format is '{recording.Format}', expected '{ReplayRecording.FormatName}'");
        }
        if (recording.Metadata is null || string.IsNullOrWhiteSpace(recording.Metadata.Title))
        {
            throw Invalid(id, "metadata.title is missing");
        }
        if (recording.Prompts is null || recording.Prompts.Count == 0 || recording.Prompts.Any(string.IsNullOrWhiteSpace))
        {
            throw Invalid(id, "prompts must list at least one non-empty prompt");
        }
        if (recording.Turns is null || recording.Turns.Count == 0)
        {
            throw Invalid(id, "turns must hold at least one turn");
        }

        var callIds = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < recording.Turns.Count; t++)
        {
            var turn = recording.Turns[t];
            if (turn?.Steps is null || turn.Steps.Count == 0)
            {
                throw Invalid(id, $"turn {t + 1} has no steps");
            }

            for (var s = 0; s < turn.Steps.Count; s++)
            {
                var step = turn.Steps[s];
                var where = $"turn {t + 1}, step {s + 1}";
                if (step is null)
                {
                    throw Invalid(id, $"{where} is null");
                }
                step.ToolCalls ??= [];
                foreach (var call in step.ToolCalls)
                {
                    if (string.IsNullOrWhiteSpace(call.Id) || string.IsNullOrWhiteSpace(call.Name))
                    {
                        throw Invalid(id, $"{where} has a tool call without id or name");
                    }
                    if (call.Arguments.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(id, $"{where}: the arguments of tool call '{call.Id}' must be a JSON object");
                    }
                    if (!callIds.Add(call.Id))
                    {
                        throw Invalid(id, $"{where}: tool call id '{call.Id}' is used twice");
                    }
                }
            }
        }
    }

    private static AppBuilderException Invalid(string id, string problem, Exception? inner = null) =>
        new($"The replay recording '{id}' cannot be used: {problem}.", InvalidRecordingCode, inner);
}
