namespace AppBuilder.Sandboxes;

/// <summary>Something that happened to a project workspace.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A log line for <see cref="WorkspaceEventKind.BuildLog"/>; a short reason for status changes.</param>
/// <param name="Status">The workspace's status when the event was raised.</param>
/// <param name="PreviewUrl">The dev server's direct URL (base path included), when it has one.</param>
public sealed record WorkspaceEvent(string ProjectId, WorkspaceEventKind Kind, string? Message, WorkspaceStatus Status, Uri? PreviewUrl);
