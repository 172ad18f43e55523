using Microsoft.Extensions.Logging;

namespace AppBuilder.Testing;

/// <summary>One entry a <see cref="ListLogger"/> recorded.</summary>
/// <param name="Category">The logger's category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception, if any.</param>
public sealed record FakeLogRecord(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
