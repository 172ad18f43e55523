using Microsoft.Extensions.Time.Testing;
using System.Net;
using AppBuilder.Agent.Providers;
using Polly;

namespace AppBuilder.Agent.Tests.Providers;

public sealed class ModelResilienceTests
{
    private readonly FakeTimeProvider _time = new(ProviderTestData.Now);

    [Fact]
    public void GetRetryAfter_Seconds_ReturnsThatDelay()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, "Retry-After", "12");

        ModelResilience.GetRetryAfter(response, _time).Should().Be(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void GetRetryAfter_HttpDate_ReturnsTimeUntilThatDate()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, "Retry-After", ProviderTestData.Now.AddMinutes(2).ToString("R"));

        ModelResilience.GetRetryAfter(response, _time).Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void GetRetryAfter_DateInThePast_ReturnsZero()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, "Retry-After", ProviderTestData.Now.AddMinutes(-2).ToString("R"));

        ModelResilience.GetRetryAfter(response, _time).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void GetRetryAfter_RetryAfterMs_WinsOverSeconds()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, "Retry-After", "3");
        response.Headers.Add("retry-after-ms", "1500");

        ModelResilience.GetRetryAfter(response, _time).Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData((HttpStatusCode)529, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void ShouldRetry_ByStatus_RetriesOnlyTransientFailures(HttpStatusCode status, bool expected)
    {
        using var response = new HttpResponseMessage(status);

        ModelResilience.ShouldRetry(Outcome.FromResult(response), TimeSpan.FromSeconds(30), _time).Should().Be(expected);
    }

    [Fact]
    public void ShouldRetry_ConnectionFailure_Retries()
    {
        ModelResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused")),
            TimeSpan.FromSeconds(30), _time).Should().BeTrue();
    }

    [Fact]
    public void ShouldRetry_Cancellation_DoesNotRetry()
    {
        ModelResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()),
            TimeSpan.FromSeconds(30), _time).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"error":{"message":"bad tools","type":"invalid_request_error"}}""", "bad tools")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "Overloaded")]
    [InlineData("plain text failure", "plain text failure")]
    [InlineData("", null)]
    public void ExtractMessage_ProviderErrorBodies_ReturnsTheirMessage(string body, string? expected)
    {
        ModelErrors.ExtractMessage(body).Should().Be(expected);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string header, string value)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation(header, value);
        return response;
    }
}
