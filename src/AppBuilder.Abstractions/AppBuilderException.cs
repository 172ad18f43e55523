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
    public AppBuilderException(string message) : base(message) { }

    /// <summary>Creates an exception with a safe message and the exception that caused it.</summary>
    public AppBuilderException(string message, Exception? innerException) : base(message, innerException) { }
}
