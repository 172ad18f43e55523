namespace AppBuilder.Testing.FakeServers;

/// <summary>One scripted HTTP answer of a <see cref="FakeJsonApiServer"/>: status, body and extra headers.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The raw body (usually JSON; may be deliberately malformed).</param>
/// <param name="ContentType">The <c>Content-Type</c> header.</param>
/// <param name="Headers">Extra response headers, if any.</param>
/// <param name="Delay">How long to wait before answering (for timeout tests).</param>
public sealed record FakeApiAnswer(int StatusCode, string Body, string ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);
