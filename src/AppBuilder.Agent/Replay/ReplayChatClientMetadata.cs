using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// The metadata of the replay model: provider name <c>replay</c>, so hosts can say plainly that no real model is in
/// use, plus the titles of the recordings it can play.
/// </summary>
public sealed class ReplayChatClientMetadata : ChatClientMetadata
{
    /// <summary>The provider name every replay client reports.</summary>
    public const string Replay = "replay";

    /// <summary>Creates the metadata for a library.</summary>
    public ReplayChatClientMetadata(ReplayLibrary library)
        : base(Replay, providerUri: null, defaultModelId: Replay)
    {
        ArgumentNullException.ThrowIfNull(library);
        RecordingTitles = [.. library.Recordings.Select(r => r.Metadata.Title)];
    }

    /// <summary>The titles of the recordings this client can replay.</summary>
    public IReadOnlyList<string> RecordingTitles { get; }
}
