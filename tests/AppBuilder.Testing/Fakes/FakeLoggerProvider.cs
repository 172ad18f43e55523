using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Testing;

/// <summary>An <see cref="ILoggerProvider"/> whose loggers all record into <see cref="Records"/>.</summary>
/// <remarks>Thread-safe. Add it with <c>services.AddLogging(b =&gt; b.AddProvider(provider))</c>.</remarks>
public sealed class FakeLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<FakeLogRecord> _records = new();

    /// <summary>Every entry recorded by this provider's loggers, in order.</summary>
    public IReadOnlyList<FakeLogRecord> Records => [.. _records];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _records);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
