using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Testing;

/// <summary>An <see cref="ILogger"/> that records every entry at or above <see cref="MinimumLevel"/>.</summary>
/// <remarks>Thread-safe.</remarks>
public class ListLogger : ILogger
{
    private readonly ConcurrentQueue<FakeLogRecord> _records;

    /// <summary>Creates a logger with its own record list.</summary>
    public ListLogger(string category = "test") : this(category, new ConcurrentQueue<FakeLogRecord>())
    {
    }

    internal ListLogger(string category, ConcurrentQueue<FakeLogRecord> records)
    {
        Category = category;
        _records = records;
    }

    /// <summary>The logger's category.</summary>
    public string Category { get; }

    /// <summary>The lowest level recorded. Default <see cref="LogLevel.Trace"/>.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    /// <summary>The entries recorded (by this logger, or by every logger of the same provider).</summary>
    public IReadOnlyList<FakeLogRecord> Records => [.. _records];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= MinimumLevel;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _records.Enqueue(new FakeLogRecord(Category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}

/// <summary>A <see cref="ListLogger"/> for <see cref="ILogger{TCategoryName}"/> parameters.</summary>
/// <typeparam name="T">The category type.</typeparam>
public sealed class ListLogger<T> : ListLogger, ILogger<T>
{
    /// <summary>Creates a logger named after <typeparamref name="T"/>.</summary>
    public ListLogger() : base(typeof(T).FullName ?? typeof(T).Name)
    {
    }
}
