using System.Reflection;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// The recordings the replay model can answer from: those shipped inside AppBuilder.Agent and those in an optional
/// folder. Hosts list <see cref="Available"/> to tell people which prompts work without a model.
/// </summary>
/// <remarks>Immutable after construction and thread-safe.</remarks>
public sealed class ReplayLibrary
{
    private const string ResourcePrefix = "AppBuilder.Agent.Recordings.";

    /// <summary>Creates a library over the given recordings, checking each. Later recordings replace earlier ones with the same id.</summary>
    /// <exception cref="AppBuilderException">A recording is invalid (error code <c>invalid_recording</c>).</exception>
    public ReplayLibrary(IEnumerable<ReplayRecording> recordings)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        var byId = new Dictionary<string, ReplayRecording>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var recording in recordings)
        {
            ArgumentNullException.ThrowIfNull(recording);
            ReplayFormat.Validate(recording);
            if (!byId.ContainsKey(recording.Id))
            {
                order.Add(recording.Id);
            }
            byId[recording.Id] = recording;
        }

        Recordings = [.. order.Select(id => byId[id])];
        Available = [.. Recordings.Select(r => new ReplayRecordingInfo(r.Id, r.Metadata.Title, r.Metadata.Description,
            r.Metadata.Source, [.. r.Prompts], [.. r.Turns.Skip(1).Select(t => t.User)]))];
    }

    /// <summary>The recordings, built-in ones first.</summary>
    public IReadOnlyList<ReplayRecording> Recordings { get; }

    /// <summary>Title, prompts and follow-ups of every recording, for hosts to print.</summary>
    public IReadOnlyList<ReplayRecordingInfo> Available { get; }

    /// <summary>Loads the built-in recordings (unless turned off) and those in <see cref="ReplayChatOptions.Directory"/>.</summary>
    /// <exception cref="AppBuilderException">A recording is invalid, or the folder does not exist.</exception>
    public static ReplayLibrary Load(ReplayChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recordings = new List<ReplayRecording>();
        if (options.IncludeBuiltIn)
        {
            recordings.AddRange(LoadBuiltIn());
        }
        if (!string.IsNullOrWhiteSpace(options.Directory))
        {
            recordings.AddRange(LoadDirectory(options.Directory));
        }
        return new ReplayLibrary(recordings);
    }

    /// <summary>The recordings shipped as embedded resources of AppBuilder.Agent, ordered by id.</summary>
    public static IReadOnlyList<ReplayRecording> LoadBuiltIn()
    {
        var assembly = typeof(ReplayLibrary).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => ReadResource(assembly, name))];
    }

    /// <summary>Every <c>*.json</c> recording in a folder (not its subfolders), ordered by file name.</summary>
    /// <exception cref="AppBuilderException">The folder does not exist or a file is invalid.</exception>
    public static IReadOnlyList<ReplayRecording> LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new AppBuilderException(
                $"The replay folder '{directory}' does not exist; fix AppBuilder:Model:ReplayDirectory or create it.",
                ReplayFormat.InvalidRecordingCode);
        }

        return [.. System.IO.Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)];
    }

    /// <summary>Reads and checks one recording file; its id is the file name without <c>.json</c>.</summary>
    public static ReplayRecording LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return ReplayFormat.Read(stream, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>The recording whose prompts best match a conversation's first user message, or null.</summary>
    public ReplayRecording? Match(string firstUserMessage)
    {
        ArgumentNullException.ThrowIfNull(firstUserMessage);
        return ReplayPromptMatcher.Match(Recordings, firstUserMessage)?.Recording;
    }

    internal (ReplayRecording Recording, string How)? MatchWithReason(string firstUserMessage) =>
        ReplayPromptMatcher.Match(Recordings, firstUserMessage);

    /// <summary>The message of the <c>no_recording</c> error: what was asked and which prompts do work.</summary>
    internal string DescribeNoMatch(string prompt)
    {
        if (Recordings.Count == 0)
        {
            return $"No replay recording matches \"{Shorten(prompt)}\": none are loaded. Configure a real model " +
                "(AppBuilder:Model:Provider = openai or anthropic) or add recordings with AppBuilder:Model:ReplayDirectory.";
        }

        var prompts = string.Join("; ", Recordings.Select(r => $"\"{r.Prompts[0]}\""));
        return $"No replay recording matches \"{Shorten(prompt)}\". AppBuilder is running the replay model (no real model " +
            $"is configured), which can answer these prompts or close variants: {prompts}. To build anything else, set " +
            "AppBuilder:Model:Provider to openai or anthropic with an API key.";
    }

    internal static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private static ReplayRecording ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded recording '{name}' is missing.");
        return ReplayFormat.Read(stream, name[ResourcePrefix.Length..^".json".Length]);
    }
}
