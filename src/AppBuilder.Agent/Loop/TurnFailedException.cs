namespace AppBuilder.Agent.Loop;

/// <summary>Ends a turn with an <c>ErrorEvent</c> carrying <see cref="AppBuilderException.ErrorCode"/>.</summary>
internal sealed class TurnFailedException(string message, string code, Exception? innerException = null)
    : AppBuilderException(message, code, innerException);
