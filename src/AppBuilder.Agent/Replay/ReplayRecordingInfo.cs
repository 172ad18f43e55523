namespace AppBuilder.Agent.Replay;

/// <summary>What a host needs to tell people about an available recording.</summary>
/// <param name="Id">The recording id (its file name without <c>.json</c>).</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">What it builds.</param>
/// <param name="Source"><c>hand-written</c> or <c>recorded</c>.</param>
/// <param name="Prompts">The prompts it answers, the main one first.</param>
/// <param name="FollowUps">The later user messages it has answers for, in order.</param>
public sealed record ReplayRecordingInfo(
    string Id,
    string Title,
    string? Description,
    string Source,
    IReadOnlyList<string> Prompts,
    IReadOnlyList<string> FollowUps);
