namespace AppBuilder.Testing.FakeServers;

/// <summary>A scripted HTTP error answer, such as a 429 with <c>Retry-After</c> or a 503.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="RetryAfter">The raw <c>Retry-After</c> header value (seconds or an HTTP date), if any.</param>
/// <param name="Message">The error message put into the API's error JSON body.</param>
public sealed record FakeHttpFailure(int StatusCode, string? RetryAfter = null, string Message = "scripted failure");
