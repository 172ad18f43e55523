namespace AppBuilder.Logs;

/// <summary>One log entry.</summary>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Kind">Which log it belongs to.</param>
/// <param name="Level">A level such as <c>info</c>, <c>warn</c> or <c>error</c>.</param>
/// <param name="Message">The text. For a network entry: method, URL, status and duration.</param>
/// <param name="Source">Where it came from, such as <c>vite</c>, <c>browser</c> or <c>proxy</c>.</param>
public sealed record ProjectLogEntry(DateTimeOffset Timestamp, ProjectLogKind Kind, string Level, string Message, string Source);
