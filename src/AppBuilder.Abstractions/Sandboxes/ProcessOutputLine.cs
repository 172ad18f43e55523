namespace AppBuilder.Sandboxes;

/// <summary>One line a process wrote.</summary>
/// <param name="Stream">Which stream it came from.</param>
/// <param name="Text">The line, without its line ending.</param>
/// <param name="Timestamp">When it was read.</param>
public sealed record ProcessOutputLine(ProcessStream Stream, string Text, DateTimeOffset Timestamp);
