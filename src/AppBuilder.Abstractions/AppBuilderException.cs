namespace AppBuilder;

/// <summary>
/// The root of every exception AppBuilder throws on purpose.
/// </summary>
/// <remarks>
/// The message of an <see cref="AppBuilderException"/> may be shown to a model (as a tool result) or to a remote
/// client (as an error event). Never put secrets, host paths outside a project or stack traces in it.
/// </remarks>
public class AppBuilderException : Exception
{
    /// <summary>Creates an exception with a message that is safe to show to a model or a remote client.</summary>
    public AppBuilderException(string message) : this(message, "error", null) { }

    /// <summary>Creates an exception with a safe message and the exception that caused it.</summary>
    public AppBuilderException(string message, Exception? innerException) : this(message, "error", innerException) { }

    /// <summary>Creates an exception with a safe message, a stable error code and an optional cause.</summary>
    /// <param name="message">A message safe to show to a model or a remote client.</param>
    /// <param name="errorCode">A stable, lowercase code such as <c>no_recording</c> or <c>sandbox_error</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AppBuilderException(string message, string errorCode, Exception? innerException = null) : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>A stable, lowercase code that clients can switch on (carried by <c>ErrorEvent.Code</c>).</summary>
    public string ErrorCode { get; }
}
