namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// A distinct error of a project's preview: the latest occurrence of one signature (<see cref="Id"/>), how often it was
/// seen and what is being done about it. Immutable; <see cref="PreviewErrorTracker"/> replaces it on every change.
/// </summary>
/// <param name="Id">The signature: the same error seen again has the same id.</param>
/// <param name="Report">The latest occurrence.</param>
/// <param name="Count">How many times it was seen.</param>
/// <param name="FirstSeen">When it was first seen.</param>
/// <param name="LastSeen">When it was last seen.</param>
/// <param name="State">Open, being fixed, verifying or resolved.</param>
/// <param name="Attempts">How many automatic fix turns it has had.</param>
internal sealed record PreviewError(string Id, PreviewErrorReport Report, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    PreviewErrorState State, int Attempts);
