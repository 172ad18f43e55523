namespace AppBuilder.Storage.Internal;

/// <summary>Builds the <see cref="AppBuilderException"/>s the stores throw for storage failures.</summary>
internal static class StorageErrors
{
    /// <summary>The error code of every storage failure.</summary>
    public const string Code = "storage_error";

    /// <summary>A storage failure with a message safe to show to a model or a remote client.</summary>
    public static AppBuilderException Failure(string message, Exception? innerException = null) =>
        new(message, Code, innerException);

    /// <summary>Whether <paramref name="exception"/> is an infrastructure failure to be reported as
    /// <see cref="Code"/> (rather than an argument error, a cancellation by the caller or an error we raised).</summary>
    public static bool IsInfrastructureFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AppBuilderException or ArgumentException or KeyNotFoundException or InvalidOperationException
            or NotSupportedException or OutOfMemoryException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => true,
    };
}
