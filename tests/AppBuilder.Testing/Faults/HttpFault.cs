namespace AppBuilder.Testing.Faults;

/// <summary>What <see cref="FaultInjectingHandler"/> does to a request.</summary>
public enum HttpFault
{
    /// <summary>The request goes through untouched.</summary>
    None,

    /// <summary>Answered with HTTP 500 and an S3 <c>InternalError</c> body, without reaching the server.</summary>
    InternalError,

    /// <summary>Answered with HTTP 503 and an S3 <c>SlowDown</c> body, without reaching the server.</summary>
    SlowDown,

    /// <summary>The connection fails before the request is sent (an <see cref="HttpRequestException"/>).</summary>
    ConnectionRefused,

    /// <summary>The request reaches the server and is carried out, then the answer is lost (an
    /// <see cref="HttpRequestException"/>): the client cannot tell whether it happened.</summary>
    ResponseLost,

    /// <summary>The request hangs until the caller gives up (its cancellation token).</summary>
    Timeout,
}
